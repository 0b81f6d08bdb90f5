package io.tagforge.engine.export;

import io.tagforge.engine.testing.TestCli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagforge.labelsystem.database.TestDatabase;
import io.tagforge.engine.cli.TagforgeCli;
import io.tagforge.engine.job.JobStore;
import io.tagforge.labelsystem.error.TagforgeException;
import io.tagforge.engine.testing.CocoMiniFixture;
import io.tagforge.labelsystem.shareddata.SharedData;
import io.tagforge.labelsystem.transaction.Transactions;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import io.tagforge.engine.ingest.IngestFormat;
import io.tagforge.engine.ingest.IngestRequest;
import io.tagforge.engine.ingest.Ingester;
import io.tagforge.engine.job.JobListener;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.job.JobState;
import io.tagforge.labelsystem.release.ReleaseEntry;
import io.tagforge.labelsystem.release.Releases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports COCO-MINI (159 images, 5 captions each) under RAM's 4585-tag release and holds every record to the rules
 * of RAM's {@code ram/data/dataset.py}: it indexes {@code np.zeros(class_num)} with {@code union_label_id} and
 * with {@code parse_label_id[i]} for a random caption {@code i}, and joins {@code image_path} to the image root.
 */
class RamExportTest {

    static final Path SHARED = SharedData.dir();
    static final Path COCO_MINI = CocoMiniFixture.cocoMini();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final DataSource DB = TestDatabase.dataSource();
    private static CocoMiniFixture coco;

    @TempDir
    Path dir;

    @BeforeAll
    static void seed(@TempDir Path work) throws Exception {
        TestDatabase.get().truncateAll();
        coco = CocoMiniFixture.parsed(DB, work, "coco-mini", "ram-4585");
    }

    @Test
    void everyRecordLoadsUnderRamsLoaderRulesAndHoldsExactlyTheReviewedTags() throws Exception {
        Path out = dir.resolve("coco-mini.json");
        JobRecord job = ExportJob.run(Transactions.over(DB), request(out, ExportPolicy.ALL, false, null), "test", JobListener.NONE);

        assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
        JsonNode records = JSON.readTree(out.toFile());
        assertThat(records.isArray()).isTrue();
        assertThat(records).hasSize(159);
        int classNum = Files.readAllLines(dir.resolve("ram_tag_list.txt")).size();
        assertThat(classNum).isEqualTo(4585);
        Set<String> paths = new HashSet<>();
        for (JsonNode r : records) {
            assertRamLoadable(r, classNum);
            String path = r.get("image_path").asText();
            assertThat(paths.add(path)).as("each image once").isTrue();
            assertThat(COCO_MINI.resolve(path)).as("root + image_path is the image").isRegularFile();
            assertThat(ids(r.get("union_label_id"))).as(path).isEqualTo(coco.expectedUnion(path, false));
            List<String> captions = new ArrayList<>();
            r.get("caption").forEach(c -> captions.add(c.asText()));
            assertThat(captions).as(path).isEqualTo(coco.captions(path));
            for (int i = 0; i < captions.size(); i++) {
                assertThat(ids(r.get("parse_label_id").get(i))).as(path + " caption " + i)
                        .isEqualTo(coco.expectedParse(path, i, false));
            }
        }
        int unionIds = 0;
        for (JsonNode r : records) {
            unionIds += r.get("union_label_id").size();
        }
        assertThat(unionIds).as("the parser finds several tags per image").isGreaterThan(159 * 4);
        assertThat(coco.rejectedImage()).isNotNull();
        JsonNode rejected = find(records, coco.rejectedImage());
        assertThat(ids(rejected.get("union_label_id"))).doesNotContain(coco.rejectedTagId());
        assertThat(ids(find(records, coco.flaggedImage()).get("union_label_id"))).doesNotContain(coco.flaggedTagId());
        assertThat(ids(find(records, coco.modelImage()).get("union_label_id"))).contains(coco.modelTagId());
    }

    @Test
    void tagFilesManifestAndExportRowDescribeTheFile() throws Exception {
        Path out = dir.resolve("coco-mini.json");
        JobRecord job = ExportJob.run(Transactions.over(DB), request(out, ExportPolicy.ALL, false, null), "test", JobListener.NONE);

        for (String list : List.of("ram_tag_list.txt", "ram_tag_list_chinese.txt", "ram_tag_list_threshold.txt")) {
            assertThat(dir.resolve(list)).as("imported from RAM's files, written back byte for byte")
                    .hasSameBinaryContentAs(SHARED.resolve("ram").resolve(list));
        }

        JsonNode manifest = JSON.readTree(ExportJob.manifestPath(out).toFile());
        assertThat(manifest.get("dataset").asText()).isEqualTo("coco-mini");
        assertThat(manifest.get("release").asText()).isEqualTo("ram-4585");
        assertThat(manifest.get("class_num").asInt()).isEqualTo(4585);
        assertThat(manifest.get("images").asLong()).isEqualTo(159);
        assertThat(manifest.at("/files/0/sha256").asText()).isEqualTo(sha256(out));
        assertThat(manifest.at("/tag_files/0/sha256").asText()).isEqualTo(sha256(dir.resolve("ram_tag_list.txt")));
        assertThat(manifest.at("/policy/policy").asText()).isEqualTo("ALL");
        JsonNode records = JSON.readTree(out.toFile());
        JsonNode counts = manifest.get("tag_counts");
        assertThat(counts).hasSize(4585);
        int dogs = coco.release().indexOf("dog");
        long dogImages = 0;
        for (JsonNode r : records) {
            dogImages += ids(r.get("union_label_id")).contains(dogs) ? 1 : 0;
        }
        assertThat(dogImages).isPositive();
        assertThat(counts.get(dogs).get("name").asText()).isEqualTo("dog");
        assertThat(counts.get(dogs).get("images").asLong()).isEqualTo(dogImages);

        try (Connection c = DB.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT format, file, manifest->>'images' FROM export WHERE job_id = "
                     + job.id())) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("ram-json");
            assertThat(rs.getString(2)).isEqualTo(out.toString());
            assertThat(rs.getString(3)).isEqualTo("159");
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void sameDataGivesSameBytes() throws Exception {
        Path first = dir.resolve("a/coco.json");
        Path second = dir.resolve("b/coco.json");
        ExportJob.run(Transactions.over(DB), request(first, ExportPolicy.ALL, true, null), "test", JobListener.NONE);
        ExportJob.run(Transactions.over(DB), request(second, ExportPolicy.ALL, true, null), "test", JobListener.NONE);

        assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
        assertThat(Files.readString(first)).startsWith("[\n{\"image_path\":").endsWith("}\n]\n");
    }

    /**
     * What RAM's code reads, Tagforge's RAM-JSON ingest reads too: ingesting an export and exporting it again gives
     * the same images, unions and caption-to-parse pairs. (Not the same bytes: ingest does not keep the order of an
     * image's captions, which RAM's loader does not care about.)
     */
    @Test
    void reingestedExportExportsTheSameRecords() throws Exception {
        Path first = dir.resolve("first.json");
        ExportJob.run(Transactions.over(DB), request(first, ExportPolicy.ALL, false, null), "test", JobListener.NONE);
        new Ingester(Transactions.over(DB)).ingest(new IngestRequest(IngestFormat.RAM_JSON, first, "coco-mini-again", COCO_MINI, true,
                "ram-4585"), JobListener.NONE);

        Path second = dir.resolve("again/second.json");
        ExportJob.run(Transactions.over(DB), new ExportRequest("coco-mini-again", "ram-4585", ExportFormat.RAM_JSON, second,
                ExportPolicy.ALL, false, null), "test", JobListener.NONE);

        JsonNode before = JSON.readTree(first.toFile());
        JsonNode after = JSON.readTree(second.toFile());
        assertThat(after).hasSize(before.size());
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i).get("image_path")).isEqualTo(before.get(i).get("image_path"));
            assertThat(after.get(i).get("union_label_id")).isEqualTo(before.get(i).get("union_label_id"));
            assertThat(captionToParse(after.get(i))).isEqualTo(captionToParse(before.get(i)));
        }
    }

    private static Map<String, List<Integer>> captionToParse(JsonNode record) {
        Map<String, List<Integer>> pairs = new HashMap<>();
        for (int c = 0; c < record.get("caption").size(); c++) {
            pairs.put(record.get("caption").get(c).asText(), ids(record.get("parse_label_id").get(c)));
        }
        return pairs;
    }

    @Test
    void unreviewedFlagsAreTakenOnRequestAndOriginalPolicyDropsModelTags() throws Exception {
        Path withFlags = dir.resolve("flags.json");
        ExportJob.run(Transactions.over(DB), request(withFlags, ExportPolicy.ALL, true, null), "test", JobListener.NONE);
        JsonNode flagged = find(JSON.readTree(withFlags.toFile()), coco.flaggedImage());
        assertThat(ids(flagged.get("union_label_id"))).contains(coco.flaggedTagId())
                .isEqualTo(coco.expectedUnion(coco.flaggedImage(), true));

        Path original = dir.resolve("original/original.json");
        ExportJob.run(Transactions.over(DB), request(original, ExportPolicy.ORIGINAL, false, null), "test", JobListener.NONE);
        assertThat(ids(find(JSON.readTree(original.toFile()), coco.modelImage()).get("union_label_id")))
                .doesNotContain(coco.modelTagId());
    }

    @Test
    void splitHoldsOutAStableDisjointPart() throws Exception {
        Path out = dir.resolve("coco.json");
        ExportJob.run(Transactions.over(DB), request(out, ExportPolicy.ALL, false, Split.parse("val=0.2")), "test", JobListener.NONE);

        Set<String> train = paths(JSON.readTree(out.toFile()));
        Set<String> val = paths(JSON.readTree(dir.resolve("coco.val.json").toFile()));
        assertThat(val).isNotEmpty().hasSizeLessThan(train.size()).doesNotContainAnyElementsOf(train);
        assertThat(train.size() + val.size()).isEqualTo(159);
        JsonNode manifest = JSON.readTree(dir.resolve("coco.manifest.json").toFile());
        assertThat(manifest.at("/files/1/part").asText()).isEqualTo("val");
        assertThat(manifest.at("/files/1/images").asInt()).isEqualTo(val.size());
    }

    /** Two releases exported one after the other: two folders, each with the tag lists its JSON's IDs index. */
    @Test
    void eachExportKeepsItsOwnFolderWhoseTagListsMatchItsJson() throws Exception {
        try (Connection c = DB.getConnection()) {
            List<ReleaseEntry> firstHundred = new ArrayList<>();
            for (ReleaseEntry e : Releases.entries(c, Releases.find(c, "ram-4585").orElseThrow().id())) {
                if (e.index() < 100) {
                    firstHundred.add(e);
                }
            }
            if (Releases.find(c, "ram-100").isEmpty()) {
                Releases.insert(c, "ram-100", null, "test", "the first 100 tags", firstHundred);
            }
        }
        Path full = dir.resolve("full/coco.json");
        Path small = dir.resolve("small/coco.json");
        ExportJob.run(Transactions.over(DB), request(full, ExportPolicy.ALL, false, null), "test", JobListener.NONE);
        ExportJob.run(Transactions.over(DB), new ExportRequest("coco-mini", "ram-100", ExportFormat.RAM_JSON, small, ExportPolicy.ALL,
                false, null), "test", JobListener.NONE);

        for (Path out : List.of(full, small)) {
            List<String> names = Files.readAllLines(out.resolveSibling("ram_tag_list.txt"));
            JsonNode manifest = JSON.readTree(ExportJob.manifestPath(out).toFile());
            assertThat(manifest.get("class_num").asInt()).isEqualTo(names.size());
            assertThat(Files.readAllLines(out.resolveSibling("ram_tag_list_threshold.txt"))).hasSize(names.size());
            int maxId = -1;
            for (JsonNode r : JSON.readTree(out.toFile())) {
                for (int id : ids(r.get("union_label_id"))) {
                    maxId = Math.max(maxId, id);
                }
            }
            assertThat(maxId).as(out.toString()).isBetween(0, names.size() - 1);
            assertThat(manifest.at("/tag_files/0/sha256").asText()).isEqualTo(sha256(out.resolveSibling("ram_tag_list.txt")));
        }
        assertThat(Files.readAllLines(small.resolveSibling("ram_tag_list.txt"))).hasSize(100);
        assertThat(Files.readAllLines(full.resolveSibling("ram_tag_list.txt"))).hasSize(4585);

        Path again = dir.resolve("small/other.json");
        assertThatThrownBy(() -> ExportJob.run(Transactions.over(DB), request(again, ExportPolicy.ALL, false, null), "test", JobListener.NONE))
                .isInstanceOf(TagforgeException.class).hasMessageContaining("each export needs a folder of its own");
        assertThat(again).doesNotExist();
        assertThat(Files.readAllLines(small.resolveSibling("ram_tag_list.txt"))).hasSize(100);
    }

    /** The manifest names the image folder; absolute paths need no guess; files are as readable as the umask says. */
    @Test
    void manifestRecordsTheImageRootAndAbsolutePathsPointAtTheImages() throws Exception {
        Path out = dir.resolve("absolute/coco.json");
        ExportJob.run(Transactions.over(DB), new ExportRequest("coco-mini", "ram-4585", ExportFormat.RAM_JSON, out, ExportPolicy.ALL,
                false, null, ImagePaths.ABSOLUTE), "test", JobListener.NONE);

        JsonNode manifest = JSON.readTree(ExportJob.manifestPath(out).toFile());
        assertThat(Path.of(manifest.get("image_root").asText())).isEqualTo(COCO_MINI.toAbsolutePath().normalize());
        assertThat(manifest.get("paths").asText()).isEqualTo("ABSOLUTE");
        JsonNode records = JSON.readTree(out.toFile());
        assertThat(records).hasSize(159);
        for (JsonNode r : records) {
            assertThat(Path.of(r.get("image_path").asText())).isAbsolute().isRegularFile();
        }
        Path probe = Files.createFile(dir.resolve("probe"));
        Set<PosixFilePermission> umask = Files.getPosixFilePermissions(probe);
        for (Path f : List.of(out, ExportJob.manifestPath(out), out.resolveSibling("ram_tag_list.txt"))) {
            assertThat(Files.getPosixFilePermissions(f)).as(f.toString()).isEqualTo(umask);
        }
    }

    @Test
    void jsonlCarriesNamesBesideIds() throws Exception {
        Path out = dir.resolve("coco.jsonl");
        ExportJob.run(Transactions.over(DB), new ExportRequest("coco-mini", "ram-4585", ExportFormat.JSONL, out, ExportPolicy.ALL,
                false, null), "test", JobListener.NONE);

        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(159);
        for (String line : lines) {
            JsonNode r = JSON.readTree(line);
            List<Integer> union = ids(r.get("union_label_id"));
            List<String> names = new ArrayList<>();
            r.get("union_label").forEach(n -> names.add(n.asText()));
            assertThat(names).isEqualTo(union.stream().map(coco.release()::get).toList());
        }
    }

    @Test
    void unknownReleaseOrDatasetFailsAndWritesNothing() {
        Path out = dir.resolve("x.json");
        assertThatThrownBy(() -> ExportJob.run(Transactions.over(DB), new ExportRequest("coco-mini", "no-such", ExportFormat.RAM_JSON,
                out, ExportPolicy.ALL, false, null), "test", JobListener.NONE))
                .isInstanceOf(TagforgeException.class).hasMessageContaining("no release named \"no-such\"");
        assertThatThrownBy(() -> ExportJob.run(Transactions.over(DB), new ExportRequest("nope", "ram-4585", ExportFormat.RAM_JSON,
                out, ExportPolicy.ALL, false, null), "test", JobListener.NONE))
                .isInstanceOf(TagforgeException.class).hasMessageContaining("no dataset named \"nope\"");
        assertThat(dir.toFile().list()).isEmpty();
    }

    /** A tag made after the release and merged into one of its tags counts as that tag; an unmerged one is left out. */
    @Test
    void tagsMergedAfterTheReleaseCountAsTheirTarget() throws Exception {
        try (Connection c = DB.getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO dataset (name, format) VALUES ('merge-case', 'test')");
            st.execute("INSERT INTO image (dataset_id, path) SELECT id, 'm.jpg' FROM dataset WHERE name = 'merge-case'");
            st.execute("INSERT INTO caption (image_id, origin, text) SELECT id, 0, 'a hound' FROM image WHERE path = 'm.jpg'");
            st.execute("INSERT INTO tag (name, deprecated, merged_into) SELECT 'hound (new)', true, tag_id "
                    + "FROM release_tag WHERE idx = 5");
            st.execute("INSERT INTO tag (name) VALUES ('not in any release')");
            st.execute("INSERT INTO tag_assignment (image_id, dataset_id, tag_id, source) SELECT i.id, i.dataset_id, "
                    + "t.id, 3 FROM image i, tag t WHERE i.path = 'm.jpg' AND t.name IN ('hound (new)', 'not in any release')");
        }
        Path out = dir.resolve("m.json");
        ExportJob.run(Transactions.over(DB), new ExportRequest("merge-case", "ram-4585", ExportFormat.RAM_JSON, out, ExportPolicy.ALL,
                false, null), "test", JobListener.NONE);

        assertThat(ids(JSON.readTree(out.toFile()).get(0).get("union_label_id"))).containsExactly(5);
        assertThat(JSON.readTree(ExportJob.manifestPath(out).toFile()).get("assignments_outside_release").asInt())
                .isEqualTo(1);
    }

    @Test
    void cancelledExportPublishesNothing() throws Exception {
        JobListener cancelAtStart = new JobListener() {
            @Override
            public void started(JobRecord job) {
                new JobStore(Transactions.over(DB)).requestCancel(job.id());
            }
        };
        JobRecord job = ExportJob.run(Transactions.over(DB), request(dir.resolve("c.json"), ExportPolicy.ALL, false, null), "test",
                cancelAtStart);

        assertThat(job.state()).isEqualTo(JobState.CANCELLED);
        assertThat(dir.toFile().list()).isEmpty();
        try (Connection c = DB.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM export WHERE job_id = " + job.id())) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void commandLineExportsAndReportsBadOptionsAsOneLine() throws Exception {
        try (ConfigurableApplicationContext context = TestCli.context()) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = TagforgeCli.commandLine(context);
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(err));
            Path file = dir.resolve("cli/coco.jsonl");

            int ok = cli.execute("export", "jsonl", "--dataset", "coco-mini", "--release", "ram-4585", "--out",
                    file.toString(), "--policy", "PARSED");
            int bad = cli.execute("export", "ram", "--dataset", "coco-mini", "--release", "ram-4585", "--out",
                    dir.resolve("x.json").toString(), "--split", "val=1.5");

            assertThat(ok).isZero();
            assertThat(out.toString()).contains("159 images").contains(file.toString());
            assertThat(Files.readAllLines(file)).hasSize(159);
            assertThat(bad).isEqualTo(2);
            assertThat(err.toString()).contains("error: split: fraction 1.5 must be between 0 and 1");
        }
    }

    /** RAM's loader: {@code image_tag[union_label_id] = 1}, {@code parse_tag[parse_label_id[randint(len(caption))]] = 1}. */
    static void assertRamLoadable(JsonNode r, int classNum) {
        assertThat(r.isObject()).isTrue();
        assertThat(fieldNames(r)).containsExactly("image_path", "caption", "union_label_id", "parse_label_id");
        assertThat(r.get("image_path").isTextual()).isTrue();
        JsonNode captions = r.get("caption");
        assertThat(captions.isArray() && captions.size() > 0).as("randint(0, len(caption)) needs a caption").isTrue();
        captions.forEach(c -> assertThat(c.isTextual()).isTrue());
        assertIds(r.get("union_label_id"), classNum);
        JsonNode parse = r.get("parse_label_id");
        assertThat(parse.isArray()).isTrue();
        assertThat(parse.size()).as("one parse list per caption").isEqualTo(captions.size());
        parse.forEach(p -> {
            assertIds(p, classNum);
            assertThat(ids(r.get("union_label_id"))).containsAll(ids(p));
        });
    }

    private static void assertIds(JsonNode ids, int classNum) {
        assertThat(ids.isArray()).isTrue();
        ids.forEach(id -> assertThat(id.isInt() && id.asInt() >= 0 && id.asInt() < classNum)
                .as("id %s within class_num %d", id, classNum).isTrue());
    }

    private static List<String> fieldNames(JsonNode r) {
        List<String> names = new ArrayList<>();
        r.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<Integer> ids(JsonNode array) {
        List<Integer> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.asInt()));
        return ids;
    }

    private static JsonNode find(JsonNode records, String path) {
        for (JsonNode r : records) {
            if (r.get("image_path").asText().equals(path)) {
                return r;
            }
        }
        throw new AssertionError("no record for " + path);
    }

    private static Set<String> paths(JsonNode records) {
        Set<String> paths = new HashSet<>();
        records.forEach(r -> paths.add(r.get("image_path").asText()));
        return paths;
    }

    private static ExportRequest request(Path out, ExportPolicy policy, boolean unreviewed, Split split) {
        return new ExportRequest("coco-mini", "ram-4585", ExportFormat.RAM_JSON, out, policy, unreviewed, split);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
