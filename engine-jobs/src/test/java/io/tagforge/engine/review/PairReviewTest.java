package io.tagforge.engine.review;

import io.tagforge.engine.testing.TestCli;
import io.tagforge.labelsystem.transaction.Transactions;
import org.springframework.context.ConfigurableApplicationContext;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagforge.labelsystem.database.TestDatabase;
import io.tagforge.engine.cli.TagforgeCli;
import io.tagforge.engine.demo.DemoData;
import io.tagforge.engine.ingest.IngestFormat;
import io.tagforge.engine.ingest.IngestRequest;
import io.tagforge.engine.ingest.Ingester;
import io.tagforge.engine.job.JobListener;
import io.tagforge.engine.model.TestModels;
import io.tagforge.labelsystem.ramformat.TagListImport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import picocli.CommandLine;

/**
 * Pair-level review through the CLI on COCO-MINI train2017 as the pipeline makes it: RAM's tags, the captions
 * ingested and parsed (a tag parsed from several captions is several rows of one pair), COCO's boxes imported as
 * regions, a cleaning run flagging K-Means++ outliers. Then decisions, reruns of parse and clean, exports, undo,
 * bulk decisions and bad input.
 */
class PairReviewTest {

    private static final Path SHARED = TestModels.SHARED;
    private static final Path COCO_MINI = SHARED.resolve("datasets/coco-mini");
    private static final DataSource DB = TestDatabase.dataSource();
    private static final JdbcClient SQL = JdbcClient.create(DB);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATASET = "coco-train";
    private static final String[] CLEAN = {"clean", "--dataset", DATASET, "--embedder",
            TestModels.folder("embedder").toString(), "--min-images", "3", "--k", "4"};

    @TempDir
    static Path work;

    private static ConfigurableApplicationContext context;

    @BeforeAll
    static void pipeline() throws Exception {
        TestDatabase.get().truncateAll();
        for (String[] user : new String[][] {{"anna", "ANNOTATOR"}, {"cora", "CURATOR"}, {"nobody", null}}) {
            int id = SQL.sql("INSERT INTO app_user (username, password_hash) VALUES (?, '!') RETURNING id")
                    .param(user[0]).query(Integer.class).single();
            if (user[1] != null) {
                SQL.sql("INSERT INTO user_role (user_id, role) VALUES (?, ?)").params(id, user[1]).update();
            }
        }
        new TagListImport(Transactions.over(DB), "test").importRam(SHARED.resolve("ram"), "ram-4585");
        new Ingester(Transactions.over(DB)).ingest(new IngestRequest(IngestFormat.COCO,
                COCO_MINI.resolve("annotations/captions_train2017.json"), DATASET, COCO_MINI.resolve("train2017"),
                false, null), JobListener.NONE);
        context = TestCli.context();
        Path instances = COCO_MINI.resolve("annotations/instances_train2017.json");
        Path detections = work.resolve("boxes.json");
        Files.writeString(detections, DemoData.detections(instances));
        succeeds("parse", "--dataset", DATASET);
        succeeds("regions", "import", "--dataset", DATASET, "--file", detections.toString(), "--categories",
                instances.toString());
        succeeds(CLEAN);
    }

    @AfterAll
    static void close() {
        context.close();
    }

    record Run(int code, String out, String err) {
    }

    static Run succeeds(String... args) {
        Run run = cli(args);
        assertThat(run.code()).as(String.join(" ", args) + ": " + run.err()).isZero();
        return run;
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = TagforgeCli.commandLine(context);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    record Pair(long id, long imageId, int tagId, String path, String tag) {
    }

    /** A flagged pair the parser found in at least {@code captions} captions of its image. */
    private static Pair flaggedPairParsedFrom(int captions) {
        return SQL.sql("""
                        SELECT p.id, p.image_id, p.tag_id, i.path, t.name AS tag FROM tag_pair p
                          JOIN image i ON i.id = p.image_id JOIN tag t ON t.id = p.tag_id
                         WHERE p.state = 1 AND (SELECT count(*) FROM tag_assignment a WHERE a.image_id = p.image_id
                                                   AND a.tag_id = p.tag_id AND a.source = 0) >= ?
                         ORDER BY p.id LIMIT 1""")
                .param(captions).query(Pair.class).optional()
                .orElseThrow(() -> new AssertionError("cleaning flagged no pair parsed from " + captions + " captions"));
    }

    private static List<Short> rowStates(Pair p) {
        return SQL.sql("SELECT state FROM tag_assignment WHERE image_id = ? AND tag_id = ? ORDER BY id")
                .params(p.imageId(), p.tagId()).query(Short.class).list();
    }

    private static short pairState(long pairId) {
        return SQL.sql("SELECT state FROM tag_pair WHERE id = ?").param(pairId).query(Short.class).single();
    }

    private static int releaseIndex(int tagId) {
        return SQL.sql("SELECT rt.idx FROM release_tag rt JOIN release r ON r.id = rt.release_id "
                + "WHERE r.name = 'ram-4585' AND rt.tag_id = ?").param(tagId).query(Integer.class).single();
    }

    @Test
    void onePairIsOneItemAndOneDecisionSettlesItsRowsThroughRerunsUntilUndone() throws Exception {
        Pair pair = flaggedPairParsedFrom(3);
        assertThat(rowStates(pair)).hasSizeGreaterThanOrEqualTo(3).containsOnly((short) 1);

        Run queue = cli("review", "queue", "--dataset", DATASET, "--limit", "100000");
        List<String> lines = queue.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("image_id\timage_path\ttag\trule\tscore\tsources");
        assertThat(lines.stream().filter(l -> l.startsWith(pair.imageId() + "\t" + pair.path() + "\t" + pair.tag() + "\t")))
                .as("one line for the pair, whatever its rows").hasSize(1)
                .allSatisfy(l -> assertThat(l).endsWith("\tPARSED_ORIGINAL").contains("\tOUTLIER_REGION\t"));
        long flaggedPairs = SQL.sql("SELECT count(*) FROM tag_pair p JOIN dataset d ON d.id = p.dataset_id "
                + "WHERE p.state = 1 AND d.name = ?").param(DATASET).query(Long.class).single();
        assertThat(lines).hasSize((int) flaggedPairs + 1).doesNotHaveDuplicates();

        Run reject = cli("review", "decide", "--dataset", DATASET, "--image", pair.path(), "--tag", pair.tag(),
                "--reject", "--user", "anna");
        assertThat(reject.code()).as(reject.err()).isZero();
        assertThat(rowStates(pair)).containsOnly((short) 3);

        // a new caption naming the tag, parsed by a rerun, adds a row: it comes rejected with its pair
        int rows = rowStates(pair).size();
        SQL.sql("INSERT INTO caption (image_id, origin, text) VALUES (?, 0, ?)")
                .params(pair.imageId(), "There is a " + pair.tag() + " in this picture.").update();
        succeeds("parse", "--dataset", DATASET);
        succeeds(CLEAN);
        assertThat(rowStates(pair)).hasSize(rows + 1).containsOnly((short) 3);
        assertThat(pairState(pair.id())).isEqualTo((short) 3);

        Path out = work.resolve("after-reject/coco.json");
        succeeds("export", "ram", "--dataset", DATASET, "--release", "ram-4585", "--out", out.toString());
        JsonNode record = record(out, pair.path());
        assertThat(ids(record.get("union_label_id"))).doesNotContain(releaseIndex(pair.tagId()));

        Run undo = succeeds("review", "undo", "--user", "anna");
        assertThat(undo.out()).contains("undone: 1 pair");
        assertThat(pairState(pair.id())).isEqualTo((short) 1);
        assertThat(rowStates(pair)).hasSize(rows + 1).containsOnly((short) 1);
        Path flagged = work.resolve("after-undo/coco.json");
        cli("export", "ram", "--dataset", DATASET, "--release", "ram-4585", "--out", flagged.toString(),
                "--include-unreviewed");
        assertThat(ids(record(flagged, pair.path()).get("union_label_id"))).contains(releaseIndex(pair.tagId()));
    }

    @Test
    void cleaningNeverReflagsAnAcceptedPairExceptOnRecheckWhichMarksIt() {
        Pair pair = flaggedPairParsedFrom(1);
        int anna = SQL.sql("SELECT id FROM app_user WHERE username = 'anna'").query(Integer.class).single();
        new PairReview(DB, new DataSourceTransactionManager(DB)).decide(anna, pair.id(), Decision.ACCEPT);

        succeeds(CLEAN);
        assertThat(pairState(pair.id())).isEqualTo((short) 2);
        assertThat(rowStates(pair)).containsOnly((short) 2);

        succeeds(with(CLEAN, "--recheck"));
        assertThat(SQL.sql("SELECT state || ' ' || rechecked FROM tag_pair WHERE id = ?").param(pair.id())
                .query(String.class).single()).isEqualTo("1 true");
        assertThat(rowStates(pair)).containsOnly((short) 1);
        assertThat(cli("review", "queue", "--dataset", DATASET, "--limit", "100000").out())
                .contains(pair.imageId() + "\t" + pair.path() + "\t" + pair.tag() + "\t");
    }

    @Test
    void bulkDecisionSettlesTheRestOfATagAndRuleAndOneUndoRevertsExactlyThose() {
        int dataset = SQL.sql("INSERT INTO dataset (name, format) VALUES ('bulk', 'test') RETURNING id")
                .query(Integer.class).single();
        int kite = SQL.sql("SELECT id FROM tag WHERE name = 'kite' AND NOT deprecated").query(Integer.class).single();
        SQL.sql("INSERT INTO image (dataset_id, path) SELECT ?, 'kites/' || g || '.jpg' FROM generate_series(1, 200) g")
                .param(dataset).update();
        SQL.sql("""
                INSERT INTO tag_assignment (image_id, dataset_id, tag_id, source, state, flag_rule, score)
                SELECT id, dataset_id, ?, 2, 1, 1, 0.5 FROM image WHERE dataset_id = ?""").params(kite, dataset).update();
        SQL.sql("""
                INSERT INTO tag_pair (dataset_id, image_id, tag_id, state, flag_rule, score)
                SELECT dataset_id, image_id, tag_id, 1, 1, 0.5 FROM tag_assignment WHERE dataset_id = ?""")
                .param(dataset).update();
        PairReview review = new PairReview(DB, new DataSourceTransactionManager(DB));
        int anna = review.reviewer("anna", "ANNOTATOR").id();
        List<Long> sample = SQL.sql("SELECT id FROM tag_pair WHERE dataset_id = ? ORDER BY id LIMIT 50").param(dataset)
                .query(Long.class).list();
        for (int i = 0; i < sample.size(); i++) {
            review.decide(anna, sample.get(i), i < 46 ? Decision.REJECT : Decision.ACCEPT);
        }

        Run minority = cli("review", "apply", "--dataset", "bulk", "--tag", "kite", "--rule", "NO_REGION", "--accept",
                "--user", "cora");
        Run tooFew = cli("review", "apply", "--dataset", "bulk", "--tag", "kite", "--rule", "NO_REGION", "--reject",
                "--user", "cora", "--min-reviewed", "60");
        Run annotator = cli("review", "apply", "--dataset", "bulk", "--tag", "kite", "--rule", "NO_REGION", "--reject",
                "--user", "anna");
        assertThat(List.of(minority.code(), tooFew.code(), annotator.code()))
                .as(minority.err() + tooFew.err() + annotator.err()).containsOnly(2);
        assertThat(minority.err()).contains("46 of 50 reviewed were rejected");
        assertThat(tooFew.err()).contains("50 of the 200 NO_REGION flags of 'kite' were reviewed; a bulk decision needs 60");
        assertThat(annotator.err()).contains("user: \"anna\" lacks the role CURATOR");
        assertThat(SQL.sql("SELECT count(*) FROM bulk_decision").query(Long.class).single()).isZero();

        Run stats = cli("review", "stats", "--dataset", "bulk");
        assertThat(stats.out()).contains("kite\tNO_REGION\t200\t150\t50\t46\t0.920\t0.812\t0.968\t0");

        Run apply = cli("review", "apply", "--dataset", "bulk", "--tag", "kite", "--rule", "NO_REGION", "--reject",
                "--user", "cora");
        assertThat(apply.code()).as(apply.err()).isZero();
        assertThat(apply.out()).contains("rejected 150 NO_REGION flags of 'kite' (46 of 50 reviewed were rejected, "
                + "95% interval 81–97%)");
        long bulk = SQL.sql("SELECT id FROM bulk_decision").query(Long.class).single();
        JsonNode evidence = SQL.sql("SELECT evidence::text FROM bulk_decision").query(String.class).optional()
                .map(PairReviewTest::json).orElseThrow();
        assertThat(evidence.get("reviewed").asInt()).isEqualTo(50);
        assertThat(evidence.get("rejected").asInt()).isEqualTo(46);
        assertThat(evidence.get("interval_low").asDouble()).isBetween(0.81, 0.82);
        assertThat(evidence.get("interval_high").asDouble()).isBetween(0.96, 0.97);
        assertThat(SQL.sql("SELECT count(*) FROM tag_pair WHERE bulk_id = ? AND state = 3").param(bulk)
                .query(Long.class).single()).isEqualTo(150);
        assertThat(SQL.sql("SELECT count(*) FROM tag_assignment WHERE dataset_id = ? AND state = 3").param(dataset)
                .query(Long.class).single()).isEqualTo(196);
        assertThat(review.history(dataset, 5).get(0)).satisfies(r -> {
            assertThat(r.bulkId()).isEqualTo(bulk);
            assertThat(r.pairs()).isEqualTo(150);
            assertThat(r.subject()).isEqualTo("kite · NO_REGION");
        });

        Run undo = cli("review", "undo", "--user", "cora", "--bulk", String.valueOf(bulk));
        assertThat(undo.out()).contains("undone: 150 pair(s)");
        assertThat(SQL.sql("SELECT state, count(*) AS n FROM tag_pair WHERE dataset_id = ? GROUP BY state ORDER BY state")
                .param(dataset).query((rs, n) -> rs.getShort(1) + "=" + rs.getLong(2)).list())
                .containsExactly("1=150", "2=4", "3=46");
        assertThat(SQL.sql("SELECT count(*) FROM tag_assignment a JOIN tag_pair p ON p.image_id = a.image_id "
                + "AND p.tag_id = a.tag_id WHERE a.dataset_id = ? AND a.state <> p.state").param(dataset)
                .query(Long.class).single()).isZero();
    }

    @Test
    void badInputIsRefusedWithExitTwoAndWritesNothing() {
        Pair flagged = flaggedPairParsedFrom(1);
        String active = SQL.sql("""
                        SELECT t.name FROM tag_assignment a JOIN tag t ON t.id = a.tag_id
                         WHERE a.image_id = ? AND a.state = 0 ORDER BY a.id LIMIT 1""")
                .param(flagged.imageId()).query(String.class).single();
        String decisions = "SELECT count(*) || '/' || (SELECT string_agg(state::text, '' ORDER BY id) FROM tag_pair) FROM pair_decision";
        String before = SQL.sql(decisions).query(String.class).single();
        String[] pairArgs = {"--dataset", DATASET, "--image", flagged.path(), "--tag", flagged.tag()};
        List<String[]> bad = List.of(
                new String[] {"--dataset", "nope", "--image", flagged.path(), "--tag", flagged.tag(), "--reject", "--user", "anna"},
                new String[] {"--dataset", DATASET, "--image", "nope.jpg", "--tag", flagged.tag(), "--reject", "--user", "anna"},
                new String[] {"--dataset", DATASET, "--image", flagged.path(), "--tag", "no such tag", "--reject", "--user", "anna"},
                new String[] {"--dataset", DATASET, "--image", flagged.path(), "--tag", active, "--reject", "--user", "anna"},
                with(pairArgs, "--reject", "--accept", "--user", "anna"),
                with(pairArgs, "--reject", "--user", "nobody"),
                with(pairArgs, "--reject", "--user", "ghost"));
        List<String> expected = List.of("dataset: no dataset named \"nope\"", "image: no image \"nope.jpg\" in the dataset",
                "tag: no tag named \"no such tag\"", "pair: not flagged: it is ACTIVE", "mutually exclusive",
                "user: \"nobody\" lacks the role ANNOTATOR", "user: no user named \"ghost\"");
        for (int i = 0; i < bad.size(); i++) {
            String[] args = with(new String[] {"review", "decide"}, bad.get(i));
            Run run = cli(args);
            assertThat(run.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err()).as(String.join(" ", args)).contains(expected.get(i)).doesNotContain("Exception");
        }
        assertThat(cli("review", "queue", "--dataset", DATASET, "--rule", "BLURRY").err())
                .contains("rule: \"BLURRY\" is none of [OUTLIER_REGION, NO_REGION, LOW_SCORE]");
        assertThat(SQL.sql(decisions).query(String.class).single()).isEqualTo(before);
    }

    private static String[] with(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    private static JsonNode record(Path export, String path) throws Exception {
        for (JsonNode r : JSON.readTree(export.toFile())) {
            if (r.get("image_path").asText().equals(path)) {
                return r;
            }
        }
        throw new AssertionError("no record of " + path);
    }

    private static List<Integer> ids(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asInt).toList();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
