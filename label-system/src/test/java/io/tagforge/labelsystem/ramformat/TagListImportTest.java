package io.tagforge.labelsystem.ramformat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagforge.labelsystem.database.TestDatabase;
import io.tagforge.labelsystem.context.LabelSystemContext;
import io.tagforge.labelsystem.release.ReleaseEntry;
import io.tagforge.labelsystem.release.Releases;
import io.tagforge.labelsystem.release.UnknownReleaseException;
import io.tagforge.labelsystem.transaction.Transactions;
import io.tagforge.labelsystem.shareddata.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

class TagListImportTest {

    static final Path RAM = SharedData.dir().resolve("ram");
    static final Path TAG2TEXT = RAM.resolve("tag2text_ori_tag_list.txt");

    static ConfigurableApplicationContext context;

    final DataSource ds = TestDatabase.dataSource();
    final TagListImport importer = new TagListImport(Transactions.over(ds), "tester");

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        context = LabelSystemContext.start(TestDatabase.dataSource());
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @BeforeEach
    void empty() {
        TestDatabase.get().truncateAll();
    }

    @Test
    void ramFilesRoundTripByteForByte() throws IOException {
        TagListImport.Result result = importer.importRam(RAM, "ram-4585");
        assertThat(result.tags()).isEqualTo(4585);
        assertThat(result.created()).isEqualTo(4585);

        Map<String, byte[]> files = new RamTagListExport(ds).files("ram-4585");
        assertThat(files).containsOnlyKeys(RamTagList.NAMES_FILE, RamTagList.CHINESE_FILE, RamTagList.THRESHOLDS_FILE);
        new RamTagListExport(ds).write("ram-4585", dir.resolve("out"));
        for (String file : files.keySet()) {
            assertThat(dir.resolve("out").resolve(file)).as(file).hasSameBinaryContentAs(RAM.resolve(file));
        }

        List<ReleaseEntry> entries = context.getBean(Releases.class).entries("ram-4585");
        assertThat(entries).hasSize(4585);
        ReleaseEntry couch = entries.get(1141);
        assertThat(couch.name()).isEqualTo("couch");
        assertThat(couch.index()).isEqualTo(1141);
        assertThat(entries.get(0).nameZh()).isEqualTo("三维CG渲染 ");
        assertThat(entries.get(0).thresholdLine()).isEqualTo("0.65");
        assertThat(context.getBean(Releases.class).find("ram-4585")).get().extracting(r -> r.createdBy()).isEqualTo("tester");
    }

    @Test
    void ramImportStoresThresholdsAndChineseNames() throws SQLException {
        importer.importRam(RAM, "ram");
        assertThat(query("SELECT count(*) FROM tag")).isEqualTo("4585");
        assertThat(query("SELECT threshold FROM tag WHERE name = 'couch'")).isEqualTo("0.82");
        assertThat(query("SELECT string_agg(form, '|' ORDER BY language) FROM tag_name n JOIN tag t ON t.id = n.tag_id "
                + "WHERE t.name = 'couch'")).isEqualTo("couch|沙发");
        assertThat(query("SELECT count(*) FROM tag_name WHERE language = 'zh' AND form <> btrim(form)")).isEqualTo("0");
        assertThat(query("SELECT count(*) FROM audit_log WHERE action = 'import-tag-list'")).isEqualTo("1");
    }

    @Test
    void tag2textHasItsKindsAndRepeatedNames() throws IOException, SQLException {
        TagListImport.Result result = importer.importTag2Text(TAG2TEXT, "tag2text");
        assertThat(result.tags()).isEqualTo(3429);
        assertThat(query("SELECT string_agg(kind || ':' || n, ',' ORDER BY kind) FROM "
                + "(SELECT kind, count(*) n FROM tag GROUP BY kind) k")).isEqualTo("0:3012,1:177,2:240");
        assertThat(query("SELECT string_agg(kind::text, ',' ORDER BY kind) FROM tag WHERE name = 'clean'")).isEqualTo("1,2");
        assertThat(query("SELECT kind FROM tag t JOIN release_tag r ON r.tag_id = t.id WHERE r.idx = 3012")).isEqualTo("2");
        assertThat(query("SELECT kind FROM tag t JOIN release_tag r ON r.tag_id = t.id WHERE r.idx = 3252")).isEqualTo("1");
        assertThat(result.created()).isEqualTo(3429);
        new RamTagListExport(ds).write("tag2text", dir);
        assertThat(dir.resolve(RamTagList.NAMES_FILE)).hasSameBinaryContentAs(TAG2TEXT);
        assertThat(Files.readAllLines(dir.resolve(RamTagList.THRESHOLDS_FILE))).hasSize(3429).containsOnly("0.68");
    }

    @Test
    void ramAfterTag2textReusesTheSharedNames() throws SQLException {
        importer.importTag2Text(TAG2TEXT, "tag2text");
        TagListImport.Result ram = importer.importRam(RAM, "ram");
        assertThat(ram.created()).isLessThan(4585).isGreaterThan(1000);
        assertThat(query("SELECT count(*) FROM tag")).isEqualTo(Integer.toString(3429 + ram.created()));
        // a second import of the same files under another name creates no tags
        assertThat(importer.importRam(RAM, "ram-again").created()).isZero();
    }

    @Test
    void aTakenReleaseNameImportsNothing() throws SQLException {
        importer.importRam(RAM, "ram");
        assertThatThrownBy(() -> importer.importTag2Text(TAG2TEXT, "ram")).hasMessageContaining("already exists");
        assertThat(query("SELECT count(*) FROM tag")).isEqualTo("4585");
    }

    @Test
    void blankLineIsRejectedWithItsLine() throws IOException, SQLException {
        write("dog\n\ncat", "狗\n\n猫\n", "0.5\n0.5\n0.5\n");
        assertRejected(RamTagList.NAMES_FILE, " line 2: blank line");
    }

    @Test
    void thresholdFileOfAnotherLengthIsRejected() throws IOException, SQLException {
        write("dog\ncat", "狗\n猫\n", "0.5\n0.5\n0.7\n");
        assertRejected(RamTagList.THRESHOLDS_FILE, ": has 3 lines but ram_tag_list.txt has 2");
    }

    @Test
    void nonNumericThresholdIsRejected() throws IOException, SQLException {
        write("dog\ncat\nbird", "狗\n猫\n鸟\n", "0.5\nhigh\n0.7\n");
        assertRejected(RamTagList.THRESHOLDS_FILE, " line 2: threshold \"high\" is not a number");
        write("dog\ncat\nbird", "狗\n猫\n鸟\n", "0.5\nNaN\n0.7\n");
        assertRejected(RamTagList.THRESHOLDS_FILE, " line 2: threshold \"NaN\" is not a number");
        write("dog\ncat\nbird", "狗\n猫\n鸟\n", "0.5\n0.6\n1.5\n");
        assertRejected(RamTagList.THRESHOLDS_FILE, " line 3: threshold 1.5 is above 1");
    }

    @Test
    void duplicateNameIsRejected() throws IOException, SQLException {
        write("dog\ncat\nDog", "狗\n猫\n狗\n", "0.5\n0.6\n0.7\n");
        assertRejected(RamTagList.NAMES_FILE, " line 3: duplicate tag name \"Dog\" (first on line 1)");
    }

    @Test
    void badUtf8IsRejectedWithItsLine() throws IOException, SQLException {
        write("dog\ncat", "", "0.5\n0.6\n");
        Files.write(dir.resolve(RamTagList.CHINESE_FILE), new byte[] {(byte) 0xe7, (byte) 0x8b, (byte) 0x97, '\n',
                (byte) 0xff, (byte) 0xfe, '\n'});
        assertRejected(RamTagList.CHINESE_FILE, " line 2: not valid UTF-8");
    }

    @Test
    void missingAndEmptyFilesAreRejected() throws IOException, SQLException {
        Files.writeString(dir.resolve(RamTagList.NAMES_FILE), "dog");
        assertRejected(RamTagList.CHINESE_FILE, ": no such file");
        write("", "", "");
        assertRejected(RamTagList.NAMES_FILE, ": is empty");
    }

    @Test
    void spacesAroundANameAreRejected() throws IOException, SQLException {
        write("dog\n cat", "狗\n猫\n", "0.5\n0.6\n");
        assertRejected(RamTagList.NAMES_FILE, " line 2: tag name \" cat\" has leading or trailing spaces");
    }

    @Test
    void tag2textDuplicateWithinAKindAndWrongLengthAreRejected() throws IOException, SQLException {
        List<String> lines = Files.readAllLines(TAG2TEXT);
        lines.set(10, lines.get(3));
        Path file = dir.resolve("t2t.txt");
        Files.write(file, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> importer.importTag2Text(file, "t2t"))
                .isInstanceOf(TagListException.class)
                .hasMessage(file + " line 11: duplicate tag name \"" + lines.get(3) + "\" (first on line 4)");
        Files.write(file, String.join("\n", lines.subList(0, 100)).getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> importer.importTag2Text(file, "t2t")).hasMessageStartingWith(file + ": has 100 lines");
        assertThat(query("SELECT count(*) FROM tag")).isEqualTo("0");
    }

    @Test
    void crlfFilesRoundTripToo() throws IOException {
        write("dog\r\ncat\r\n", "狗\r\n猫\r\n", "0.5\r\n1\r\n");
        importer.importRam(dir, "crlf");
        Path out = dir.resolve("out");
        new RamTagListExport(ds).write("crlf", out);
        for (String file : List.of(RamTagList.NAMES_FILE, RamTagList.CHINESE_FILE, RamTagList.THRESHOLDS_FILE)) {
            assertThat(out.resolve(file)).hasSameBinaryContentAs(dir.resolve(file));
        }
    }

    @Test
    void unknownReleaseIsNamed() {
        assertThatThrownBy(() -> new RamTagListExport(ds).files("nope"))
                .isInstanceOf(UnknownReleaseException.class).hasMessage("no release named \"nope\"");
    }

    private void write(String names, String chinese, String thresholds) throws IOException {
        Files.writeString(dir.resolve(RamTagList.NAMES_FILE), names);
        Files.writeString(dir.resolve(RamTagList.CHINESE_FILE), chinese);
        Files.writeString(dir.resolve(RamTagList.THRESHOLDS_FILE), thresholds);
    }

    /** the import fails with a message that starts with the file's path and {@code problem}, and writes nothing */
    private void assertRejected(String file, String problem) throws SQLException {
        assertThatThrownBy(() -> importer.importRam(dir, "bad"))
                .isInstanceOf(TagListException.class)
                .hasMessageStartingWith(dir.resolve(file) + problem);
        assertThat(query("SELECT (SELECT count(*) FROM tag) + (SELECT count(*) FROM release)")).isEqualTo("0");
    }

    private String query(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
