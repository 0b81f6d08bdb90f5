package io.tagforge.spark.generate;

import static io.tagforge.spark.StageTests.DB;
import static io.tagforge.spark.StageTests.assertRerunRanOnlyTheMissingRanges;
import static io.tagforge.spark.StageTests.committedRanges;
import static io.tagforge.spark.StageTests.execute;
import static io.tagforge.spark.StageTests.latestJob;
import static io.tagforge.spark.StageTests.runWith;
import static io.tagforge.spark.StageTests.session;
import static io.tagforge.spark.StageTests.stopSession;
import static io.tagforge.spark.StageTests.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagforge.engine.generation.GenerationJob;
import io.tagforge.engine.generation.GenerationRequest;
import io.tagforge.engine.job.JobListener;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.job.JobState;
import io.tagforge.engine.job.JobStore;
import io.tagforge.engine.model.TestModels;
import io.tagforge.engine.testing.EngineFixture;
import io.tagforge.labelsystem.database.TestDatabase;
import io.tagforge.labelsystem.transaction.Transactions;
import io.tagforge.labelsystem.vocabulary.DatabaseVocabulary;
import io.tagforge.labelsystem.vocabulary.LookupOptions;
import io.tagforge.labelsystem.wordnet.WordNet;
import io.tagforge.spark.InProcessHdfs;
import io.tagforge.spark.TagforgeSpark;
import io.tagforge.spark.database.DatabaseAddress;
import io.tagforge.spark.partition.InjectedFailures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Spark generation stage against the local generation job on COCO-MINI val2017's 159 images and one missing
 * image, with engine-jobs' tiny tagger and captioner and the database's vocabulary parsing the captions: the same
 * model tags (scores to the last bit: with ranges not cut on the local job's batches, a few differed in their last
 * float digit), captions and parsed tags, once, whatever task attempts fail.
 */
class SparkGenerateJobTest {

    private static final Path MODELS = Path.of("../src/test/resources/models").toAbsolutePath().normalize();
    private static final String DATASET = "coco-mini-generate";
    private static final int IMAGES = 159;
    private static final DatabaseAddress ADDRESS = new DatabaseAddress(TestDatabase.get().url(), "postgres", "");
    private static final String ASSIGNMENTS = "SELECT a.image_id || ' ' || a.tag_id || ' ' || a.source || ' ' "
            + "|| a.state || ' ' || coalesce(a.score::text, '-') || ' ' || coalesce(c.text, '-') "
            + "FROM tag_assignment a LEFT JOIN caption c ON c.id = a.caption_id";
    private static final String CAPTIONS = "SELECT image_id || ' ' || origin || ' ' || model || ' ' || text FROM caption";
    private static final List<String> COUNTS = List.of("images", "images_unreadable", "model_tags", "captions",
            "parsed_generated_tags", "tags_before", "tags_after");

    private static Set<String> localAssignments;
    private static Set<String> localCaptions;
    private static JobRecord localJob;

    private static GenerationRequest request() {
        return new GenerationRequest(DATASET, MODELS.resolve("tagger"), "tiny-colours", MODELS.resolve("captioner"), 8);
    }

    @BeforeAll
    static void generatedLocally() throws Exception {
        EngineFixture f = new EngineFixture(DATASET, IMAGES);
        try (Connection c = DB.getConnection()) {
            f.addImage(c, "no-such-image.jpg");
        }
        // as ./tagforge generate runs it: the database's vocabulary parses the captions
        try (WordNet wordNet = WordNet.open()) {
            localJob = GenerationJob.run(Transactions.over(DB), request(),
                    DatabaseVocabulary.load(DB, wordNet, LookupOptions.defaults()), "test", JobListener.NONE);
        }
        assertThat(localJob.state()).isEqualTo(JobState.SUCCEEDED);
        localAssignments = strings(ASSIGNMENTS);
        localCaptions = strings(CAPTIONS);
        assertThat(localCaptions).hasSize(IMAGES);
        assertThat(strings("SELECT source || ' ' || count(*) FROM tag_assignment GROUP BY source"))
                .hasSize(2).allSatisfy(row -> assertThat(row).matches("[12] \\d+"));
        assertThat(localAssignments).hasSizeGreaterThan(3 * IMAGES);
        assertThat(localJob.counts().path("images_unreadable").asLong()).isEqualTo(1);
    }

    @BeforeEach
    void notGenerated() throws SQLException {
        execute("DELETE FROM tag_assignment");
        execute("DELETE FROM caption");
        execute("DELETE FROM job WHERE id <> " + localJob.id());
    }

    @AfterAll
    static void stopSpark() {
        stopSession();
    }

    @Test
    void generateWithSparkLocal2StoresExactlyTheLocalJobsRows() throws Exception {
        stopSession();
        assertThat(TagforgeSpark.commandLine().execute("generate", "--dataset", DATASET, "--spark", "local[2]",
                "--tagger", MODELS.resolve("tagger").toString(), "--release", "tiny-colours",
                "--captioner", MODELS.resolve("captioner").toString(), "--batch-size", "8",
                "--db-url", TestDatabase.get().url(), "--db-user", "postgres", "--db-password", "")).isZero();

        assertThat(strings(ASSIGNMENTS)).isEqualTo(localAssignments);
        assertThat(strings(CAPTIONS)).isEqualTo(localCaptions);
        JobRecord job = latestJob();
        assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(job.kind()).isEqualTo(GenerationJob.KIND);
        assertThat(job.params()).isEqualTo(localJob.params());
        assertThat(job.progress()).isEqualTo(IMAGES + 1).isEqualTo(job.total());
        for (String count : COUNTS) {
            assertThat(job.counts().path(count).asLong()).as(count).isEqualTo(localJob.counts().path(count).asLong());
        }
        // 4 × local[2]'s parallelism, every task on the CPU: no GPU resource
        assertThat(job.counts().path("partitions").asLong()).isEqualTo(8);
        assertThat(strings("SELECT count(*) || ' ' || sum(rows) FROM stage_partition")).containsExactly("8 " + (IMAGES + 1));
        assertThat(strings("SELECT DISTINCT substring(attempt from '\\(\\w+\\)$') FROM stage_partition"))
                .containsExactly("(cpu)");
        assertThat(new JobStore(Transactions.over(DB)).logLines(job.id(), 20))
                .filteredOn(line -> line.contains("WARN")).singleElement().asString()
                .contains("skipped image").contains("no-such-image.jpg: cannot open");
    }

    @Test
    void imagesUnderAnHdfsRootGenerateTheLocalJobsRows() throws Exception {
        JobRecord job;
        String root;
        try (InProcessHdfs hdfs = new InProcessHdfs("generate-hdfs")) {
            hdfs.copy(TestModels.COCO_VAL, "/coco/val2017");
            root = hdfs.uri("/coco/val2017");
            job = new SparkGenerateJob(session(), DB, ADDRESS, request(), true, root, 4).run("test", JobListener.NONE);
        }
        assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(strings(ASSIGNMENTS)).isEqualTo(localAssignments);
        assertThat(strings(CAPTIONS)).isEqualTo(localCaptions);
        for (String count : COUNTS) {
            assertThat(job.counts().path(count).asLong()).as(count).isEqualTo(localJob.counts().path(count).asLong());
        }
        // the missing image was looked for in HDFS
        assertThat(new JobStore(Transactions.over(DB)).logLines(job.id(), 20))
                .filteredOn(line -> line.contains("skipped image")).singleElement().asString()
                .contains(root + "/no-such-image.jpg: cannot open");
    }

    @Test
    void aFirstAttemptThatFailsAfterOrBeforeItsCommitLeavesNoDuplicate() throws Exception {
        for (String when : List.of("after-commit", "before-commit")) {
            notGenerated();
            // the images' folder given as a file:// URI, as an hdfs:// or s3a:// one would be
            JobRecord job = runWith(InjectedFailures.FIRST_ATTEMPT, when,
                    () -> new SparkGenerateJob(session(), DB, ADDRESS, request(), true,
                            TestModels.COCO_VAL.toUri().toString(), 5)
                            .run("test", JobListener.NONE));
            assertThat(job.state()).as(when).isEqualTo(JobState.SUCCEEDED);
            assertThat(strings(ASSIGNMENTS)).as(when).isEqualTo(localAssignments);
            assertThat(strings(CAPTIONS)).as(when).isEqualTo(localCaptions);
            // progress and counts are added, not keyed: a second commit of a partition would show here
            assertThat(job.progress()).as(when).isEqualTo(IMAGES + 1);
            for (String count : COUNTS) {
                assertThat(job.counts().path(count).asLong()).as(when + " " + count)
                        .isEqualTo(localJob.counts().path(count).asLong());
            }
            assertThat(job.counts().path("partitions").asLong()).as(when).isEqualTo(5);
            assertThat(strings("SELECT DISTINCT substring(attempt from '\\(attempt \\d+\\)') FROM stage_partition"))
                    .as(when).containsExactly(when.equals("after-commit") ? "(attempt 0)" : "(attempt 1)");
            assertThat(new JobStore(Transactions.over(DB)).logLines(job.id(), 20))
                    .as(when).filteredOn(line -> line.contains("skipped image")).hasSize(1);
        }
    }

    @Test
    void aRerunAfterTheStageFailedHalfwayGeneratesOnlyTheRangesNotCommitted() throws Exception {
        // 20 batches in 5 ranges: the last starts with the 121st image, after this one
        long failFrom = Long.parseLong(strings("SELECT percentile_disc(0.7) WITHIN GROUP (ORDER BY id) "
                + "FROM image").iterator().next());
        assertThatThrownBy(() -> runWith(InjectedFailures.RANGES_FROM, String.valueOf(failFrom),
                () -> new SparkGenerateJob(session(), DB, ADDRESS, request(), true, null, 5)
                        .run("test", JobListener.NONE)))
                .hasMessageContaining("injected failure");
        JobRecord failed = latestJob();
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        Set<String> committedBefore = committedRanges();
        assertThat(committedBefore).hasSizeBetween(1, 4);
        assertThat(strings("SELECT count(*) FROM stage_partition WHERE range_start >= " + failFrom)).containsExactly("0");
        assertThat(failed.progress()).isEqualTo(Long.parseLong(strings("SELECT sum(rows) FROM stage_partition")
                .iterator().next())).isLessThan(IMAGES + 1);

        JobRecord done = new SparkGenerateJob(session(), DB, ADDRESS, request(), true, null, 99)
                .run("test", JobListener.NONE);

        // the resumed job kept its split of 5 ranges, not 99
        assertRerunRanOnlyTheMissingRanges(failed, done, committedBefore, 5, "image ranges to generate");
        assertThat(strings(ASSIGNMENTS)).isEqualTo(localAssignments);
        assertThat(strings(CAPTIONS)).isEqualTo(localCaptions);
        assertThat(done.progress()).isEqualTo(IMAGES + 1);
        for (String count : COUNTS) {
            assertThat(done.counts().path(count).asLong()).as(count).isEqualTo(localJob.counts().path(count).asLong());
        }
    }
}
