package io.tagforge.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagforge.labelsystem.database.TestDatabase;
import io.tagforge.engine.dataset.DatasetStats;
import io.tagforge.engine.dataset.DatasetStore;
import io.tagforge.engine.job.JobListener;
import io.tagforge.engine.testing.CocoMiniFixture;
import io.tagforge.labelsystem.transaction.Transactions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngesterTest {

    static final Path COCO_MINI = CocoMiniFixture.cocoMini();
    static final Path VAL_CAPTIONS = COCO_MINI.resolve("annotations/captions_val2017.json");
    static final Path VAL_IMAGES = COCO_MINI.resolve("val2017");

    private final Ingester ingester = new Ingester(Transactions.over(TestDatabase.dataSource()));

    @TempDir
    Path tmp;

    @BeforeEach
    void empty() {
        TestDatabase.get().truncateAll();
    }

    private IngestResult ingest(IngestFormat format, Path file, Path images) throws Exception {
        return ingester.ingest(new IngestRequest(format, file, "d", images, false, null), JobListener.NONE);
    }

    @Test
    void cocoMiniValGives79ImagesAnd395CaptionsAndARerunAddsNothing() throws Exception {
        IngestResult first = ingester.ingest(
                new IngestRequest(IngestFormat.COCO, VAL_CAPTIONS, "coco-mini-val", VAL_IMAGES, true, null), JobListener.NONE);
        assertThat(totals("coco-mini-val")).isEqualTo("79 images, 395 captions");
        
        assertThat(first.missingImages()).isZero();

        IngestResult again = ingester.ingest(
                new IngestRequest(IngestFormat.COCO, VAL_CAPTIONS, "coco-mini-val", VAL_IMAGES, true, null), JobListener.NONE);
        assertThat(again.imagesAdded()).isZero();
        assertThat(again.captionsAdded()).isZero();
        assertThat(totals("coco-mini-val")).isEqualTo("79 images, 395 captions");
        

        // content, not only counts: image 139's file and one of its captions as COCO gives them
        assertThat(scalar("SELECT path || '|' || width || 'x' || height FROM image WHERE external_id = '139'"))
                .isEqualTo("000000000139.jpg|640x426");
        assertThat(scalar("SELECT count(*) FROM caption c JOIN image i ON i.id = c.image_id WHERE i.external_id = '139'"))
                .isEqualTo("5");
    }

    @Test
    void tsvWithSeveralLinesPerImageAndUrls() throws Exception {
        Path tsv = write("captions.tsv", "http://x.org/a.jpg\tA dog on a couch.\n"
                + "http://x.org/b.jpg\tA cat.\n\nhttp://x.org/a.jpg\tA brown dog sleeping.\n"
                + "http://x.org/a.jpg\tA dog on a couch.\n");
        IngestResult r = ingest(IngestFormat.TSV, tsv, null);
        assertThat(totals("d")).isEqualTo("2 images, 3 captions");
        
        assertThat(scalar("SELECT string_agg(text, ' / ' ORDER BY c.id) FROM caption c JOIN image i ON i.id = c.image_id"
                + " WHERE i.path = 'http://x.org/a.jpg'")).isEqualTo("A dog on a couch. / A brown dog sleeping.");
    }

    @Test
    void captionsAcrossCopyBatchesKeepFileOrderAndRepeatsAndReruns() throws Exception {
        // 40,000 images with 3 captions each: several COPY batches, whose edges fall among one image's captions
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 40_000; i++) {
            for (int c = 0; c < 3; c++) {
                lines.append("img/").append(i).append(".jpg\tcaption ").append(c).append(" of ").append(i).append('\n');
            }
        }
        Path plain = write("plain.tsv", lines.toString());
        assertThat(ingest(IngestFormat.TSV, plain, null).captionsAdded()).isEqualTo(120_000);
        assertThat(scalar("SELECT string_agg(i.path || E'\\t' || c.text || E'\\n', '' ORDER BY c.id)"
                + " FROM caption c JOIN image i ON i.id = c.image_id")).as("caption ids follow the file").isEqualTo(lines.toString());
        assertThat(scalar("SELECT count(*) FROM (SELECT path, row_number() OVER (ORDER BY id) - 1 AS n FROM image) x"
                + " WHERE path <> 'img/' || n || '.jpg'")).as("image ids follow the file, not the paths' order").isEqualTo("0");

        String more = "img/5.jpg\tcaption 2 of 5\nimg/0.jpg\ta late caption\nimg/new.jpg\tA new image.\n";
        Path grown = write("grown.tsv", lines + more);
        IngestResult rerun = ingest(IngestFormat.TSV, grown, null);
        assertThat(rerun.imagesAdded()).isEqualTo(1);
        assertThat(rerun.captionsAdded()).isEqualTo(2);
        assertThat(scalar("SELECT string_agg(text, ' / ' ORDER BY c.id) FROM caption c JOIN image i ON i.id = c.image_id"
                + " WHERE i.path = 'img/0.jpg'")).isEqualTo("caption 0 of 0 / caption 1 of 0 / caption 2 of 0 / a late caption");

        // the same file into a new dataset: all images new, one caption repeated two batches apart
        IngestResult fresh = ingester.ingest(new IngestRequest(IngestFormat.TSV, grown, "e", null, false, null), JobListener.NONE);
        assertThat(fresh.imagesAdded()).isEqualTo(40_001);
        assertThat(fresh.captionsAdded()).isEqualTo(120_002);
        assertThat(scalar("SELECT string_agg(text, ' / ' ORDER BY c.id) FROM caption c JOIN image i ON i.id = c.image_id"
                + " JOIN dataset d ON d.id = i.dataset_id WHERE d.name = 'e' AND i.path = 'img/5.jpg'"))
                .isEqualTo("caption 0 of 5 / caption 1 of 5 / caption 2 of 5");
    }

    @Test
    void missingImageFilesAreCountedAndListedOrFailTheRunWhenStrict() throws Exception {
        Files.createDirectories(tmp.resolve("img"));
        Files.writeString(tmp.resolve("img/here.jpg"), "x");
        Path tsv = write("c.tsv", "here.jpg\ta\ngone.jpg\tb\n");
        IngestResult r = ingest(IngestFormat.TSV, tsv, tmp.resolve("img"));
        assertThat(r.missingImages()).isEqualTo(1);
        assertThat(r.missingExamples()).containsExactly("gone.jpg");
        assertThat(scalar("SELECT path FROM image WHERE missing")).isEqualTo("gone.jpg");

        TestDatabase.get().truncateAll();
        assertThatThrownBy(() -> ingester.ingest(
                new IngestRequest(IngestFormat.TSV, tsv, "d", tmp.resolve("img"), true, null), JobListener.NONE))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("1 image files missing").hasMessageContaining("gone.jpg");
        assertNothingIngested();
    }

    @Test
    void truncatedJsonNamesFileAndLine() throws IOException {
        String json = Files.readString(VAL_CAPTIONS);
        Path truncated = write("truncated.json", json.substring(0, json.length() / 2));
        assertFails(IngestFormat.COCO, truncated, VAL_IMAGES, "truncated.json:1: JSON: unexpected end of file");
    }

    @Test
    void badUtf8InJsonAndTsvNamesTheLine() throws IOException {
        byte[] bad = "{\"images\": [{\"id\": 1, \"file_name\": \"a\u00e9.jpg\"}],\n\"annotations\": []}"
                .getBytes(StandardCharsets.UTF_8);
        bad[bad.length - 25] = (byte) 0xC3; // a lead byte followed by ASCII: invalid
        Path json = tmp.resolve("bad.json");
        Files.write(json, bad);
        assertFails(IngestFormat.COCO, json, null, "bad.json:1: JSON: Invalid UTF-8");

        Path tsv = tmp.resolve("bad.tsv");
        Files.write(tsv, concat("a.jpg\tfine\n".getBytes(StandardCharsets.UTF_8), new byte[] {'b', '\t', (byte) 0xFF, '\n'}));
        assertFails(IngestFormat.TSV, tsv, null, "bad.tsv:2: line: invalid UTF-8");
    }

    @Test
    void utf8ByteOrderMarkIsDroppedNotKeptInTheFirstPath() throws Exception {
        // Windows editors save UTF-8 with a BOM; it must not end up in the first image's path or key
        ingest(IngestFormat.TSV, write("bom.tsv", "\uFEFFa.jpg\tA dog on a couch.\nb.jpg\tA cat.\n"), null);
        assertThat(scalar("SELECT string_agg(i.path || '=' || c.text, ' / ' ORDER BY c.id)"
                + " FROM caption c JOIN image i ON i.id = c.image_id")).isEqualTo("a.jpg=A dog on a couch. / b.jpg=A cat.");

        TestDatabase.get().truncateAll();
        ingest(IngestFormat.COCO, write("bom.json", """
                \uFEFF{"images": [{"id": 139, "file_name": "000000000139.jpg"}],
                 "annotations": [{"image_id": 139, "caption": "A room with chairs."}]}"""), VAL_IMAGES);
        assertThat(scalar("SELECT i.external_id || '|' || i.path || '=' || c.text || '|' || i.missing"
                + " FROM caption c JOIN image i ON i.id = c.image_id")).isEqualTo("139|000000000139.jpg=A room with chairs.|false");

        TestDatabase.get().truncateAll();
        ingest(IngestFormat.RAM_JSON, write("bom-ram.json", """
                \uFEFF[{"image_path": "a.jpg", "caption": ["a dog"]}]"""), null);
        assertThat(scalar("SELECT i.path || '=' || c.text FROM caption c JOIN image i ON i.id = c.image_id"))
                .isEqualTo("a.jpg=a dog");
    }

    @Test
    void tsvLineWithWrongFieldCount() throws IOException {
        assertFails(IngestFormat.TSV, write("f.tsv", "a.jpg\tok\nno tab here\n"), null,
                "f.tsv:2: line: expected 2 tab-separated fields (image, caption), found 1");
        assertFails(IngestFormat.TSV, write("g.tsv", "a.jpg\tok\tand more\n"), null,
                "g.tsv:1: line: expected 2 tab-separated fields (image, caption), found more");
        assertFails(IngestFormat.TSV, write("h.tsv", "a.jpg\t   \n"), null, "h.tsv:1: field 2 (caption): empty caption");
    }

    @Test
    void unknownImageIdNamesTheAnnotationLine() throws IOException {
        Path json = write("unknown.json", """
                {"images": [{"id": 1, "file_name": "000000000139.jpg"}],
                 "annotations": [
                   {"image_id": 1, "id": 10, "caption": "A room."},
                   {"image_id": 999, "id": 11, "caption": "A ghost."}
                 ]}""");
        assertFails(IngestFormat.COCO, json, VAL_IMAGES, "unknown.json:4: image_id: unknown image id 999");
        Path twice = write("twice.json", """
                {"images": [{"id": 1, "file_name": "000000000139.jpg"},
                            {"id": 2, "file_name": "000000000139.jpg"}],
                 "annotations": [{"image_id": 1, "caption": "A room."}, {"image_id": 2, "caption": "A ghost."}]}""");
        assertFails(IngestFormat.COCO, twice, VAL_IMAGES, "twice.json:1: file_name: 000000000139.jpg is given more than one image id");
    }

    @Test
    void hostileAndEmptyInput() throws IOException {
        assertFails(IngestFormat.TSV, write("t.tsv", "../../etc/passwd\troot\n"), tmp,
                "t.tsv:1: field 1 (image): '../../etc/passwd' is not a relative path inside the images folder");
        assertFails(IngestFormat.COCO, write("abs.json", "{\"images\":[{\"id\":1,\"file_name\":\"/etc/passwd\"}],\"annotations\":[]}"),
                tmp, "abs.json:1: images[0].file_name: '/etc/passwd' is not a relative path inside the images folder");
        assertFails(IngestFormat.COCO, write("empty.json", ""), tmp, "empty.json:1: JSON: unexpected end of file");
        assertFails(IngestFormat.COCO, write("other.json", "{\"info\": {}}"), tmp, "other.json:1: images: missing");
        assertFails(IngestFormat.TSV, write("huge.tsv", "a.jpg\t" + "word ".repeat(30_000) + "\n"), null,
                "huge.tsv:1: field 2 (caption): caption longer than 100000 characters");
        assertFails(IngestFormat.TSV, write("endless.tsv", "a.jpg\t" + "x".repeat(2 << 20)), null,
                "endless.tsv:1: line: longer than 1048576 bytes");
        assertFails(IngestFormat.RAM_JSON, write("obj.json", "{\"image_path\": \"a.jpg\"}"), tmp,
                "obj.json:1: top level: expected an array");
        assertFails(IngestFormat.RAM_JSON, write("none.json", "[]"), tmp, "none.json: no captions found");
        assertFails(IngestFormat.TSV, write("blank.tsv", "\n\n"), null, "blank.tsv: no captions found");
    }

    @Test
    void ramJsonLabelsBecomeAssignmentsThroughARelease() throws Exception {
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO tag (id, name) VALUES (1, 'dog'), (2, 'couch'), (3, 'brown')");
            st.execute("INSERT INTO release (id, name) VALUES (1, 'r1')");
            st.execute("INSERT INTO release_tag (release_id, idx, tag_id, name, threshold) VALUES "
                    + "(1, 0, 1, 'dog', 0.68), (1, 1, 2, 'couch', 0.68), (1, 2, 3, 'brown', 0.68)");
        }
        Path json = write("ram.json", """
                [{"image_path": "a.jpg", "caption": ["a dog on a couch", "a brown dog"],
                  "union_label_id": [0, 1, 2], "parse_label_id": [[0, 1], [0, 2]]},
                 {"image_path": "b.jpg", "caption": ["a couch"], "union_label_id": [1], "parse_label_id": [[1]]}]""");
        IngestResult r = ingester.ingest(new IngestRequest(IngestFormat.RAM_JSON, json, "d", tmp, false, "r1"), JobListener.NONE);
        assertThat(totals("d")).isEqualTo("2 images, 3 captions");
        
        assertThat(r.labelsAdded()).isEqualTo(5);
        assertThat(scalar("SELECT string_agg(text, ' / ' ORDER BY c.id) FROM caption c"))
                .as("captions keep the file's order").isEqualTo("a dog on a couch / a brown dog / a couch");
        assertThat(scalar("""
                SELECT string_agg(c.text || ':' || t.name, ', ' ORDER BY c.text, t.name) FROM tag_assignment a
                  JOIN caption c ON c.id = a.caption_id JOIN tag t ON t.id = a.tag_id WHERE a.source = 0"""))
                .isEqualTo("a brown dog:brown, a brown dog:dog, a couch:couch, a dog on a couch:couch, a dog on a couch:dog");

        TestDatabase.get().truncateAll();
        assertThatThrownBy(() -> ingester.ingest(new IngestRequest(IngestFormat.RAM_JSON, json, "d", tmp, false, null),
                JobListener.NONE)).hasMessageContaining("carries label ids: name the release");
        assertNothingIngested();
        Path mismatch = write("mismatch.json", """
                [{"image_path": "a.jpg", "caption": ["one", "two"], "parse_label_id": [[0]]}]""");
        assertFails(IngestFormat.RAM_JSON, mismatch, tmp, "mismatch.json:1: [0].parse_label_id: 1 lists for 2 captions");
    }

    private void assertFails(IngestFormat format, Path file, Path images, String message) {
        assertThatThrownBy(() -> ingest(format, file, images)).isInstanceOf(IngestException.class)
                .hasMessageStartingWith(message);
        assertNothingIngested();
    }

    private void assertNothingIngested() {
        try {
            assertThat(scalar("SELECT (SELECT count(*) FROM dataset) + (SELECT count(*) FROM image)"
                    + " + (SELECT count(*) FROM caption) + (SELECT count(*) FROM tag_assignment)")).isEqualTo("0");
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static String totals(String dataset) {
        DatasetStats d = new DatasetStore(TestDatabase.dataSource()).find(dataset).orElseThrow();
        return d.images() + " images, " + d.captions() + " captions";
    }

    static String scalar(String sql) throws SQLException {
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
