package io.tagforge.spark.parse;

import static io.tagforge.spark.StageTests.DB;
import static io.tagforge.spark.StageTests.assertRerunRanOnlyTheMissingRanges;
import static io.tagforge.spark.StageTests.committedRanges;
import static io.tagforge.spark.StageTests.execute;
import static io.tagforge.spark.StageTests.latestJob;
import static io.tagforge.spark.StageTests.session;
import static io.tagforge.spark.StageTests.stopSession;
import static io.tagforge.spark.StageTests.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagforge.engine.ingest.IngestFormat;
import io.tagforge.engine.ingest.IngestRequest;
import io.tagforge.engine.ingest.Ingester;
import io.tagforge.engine.job.JobListener;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.job.JobState;
import io.tagforge.engine.parse.ParseDatasetJob;
import io.tagforge.labelsystem.database.TestDatabase;
import io.tagforge.labelsystem.ramformat.TagListImport;
import io.tagforge.labelsystem.transaction.Transactions;
import io.tagforge.labelsystem.vocabulary.DatabaseVocabulary;
import io.tagforge.labelsystem.vocabulary.LookupOptions;
import io.tagforge.labelsystem.wordnet.WordNet;
import io.tagforge.spark.TagforgeSpark;
import io.tagforge.spark.database.DatabaseAddress;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Spark parse stage against the local parse job on COCO-MINI val2017 (396 captions, one of them generated):
 * the same assignments and observations, once, whatever task attempts fail, and a failed stage's rerun parses
 * only the ranges it had not committed.
 */
class SparkParseJobTest {

    private static final Path SHARED = Path.of("").toAbsolutePath().getParent().getParent().resolveSibling("shared");
    private static final String DATASET = "coco-mini-val";
    private static final DatabaseAddress ADDRESS = new DatabaseAddress(TestDatabase.get().url(), "postgres", "");
    private static final String ASSIGNMENTS = "SELECT image_id || ' ' || tag_id || ' ' || caption_id || ' ' || source "
            + "|| ' ' || state FROM tag_assignment";
    private static final String OBSERVATIONS = "SELECT surface || ' ' || tag_id || ' ' || rule || ' ' || mentions "
            + "FROM surface_observation";

    private static Set<String> localAssignments;
    private static Set<String> localObservations;
    private static JobRecord localJob;

    @BeforeAll
    static void parsedLocally() throws Exception {
        TestDatabase.get().truncateAll();
        new TagListImport(Transactions.over(DB), "test").importRam(SHARED.resolve("ram"), "ram");
        new Ingester(Transactions.over(DB)).ingest(new IngestRequest(IngestFormat.COCO,
                SHARED.resolve("datasets/coco-mini/annotations/captions_val2017.json"), DATASET,
                SHARED.resolve("datasets/coco-mini/val2017"), false, null), JobListener.NONE);
        execute("INSERT INTO caption (image_id, origin, model, text) SELECT min(id), 1, 'test-captioner', "
                + "'A dog sitting on a sofa with no people around.' FROM image");
        try (WordNet wordNet = WordNet.open()) {
            localJob = new ParseDatasetJob(DATASET, DatabaseVocabulary.load(DB, wordNet, LookupOptions.defaults()), 2,
                    100).run(Transactions.over(DB), "test", JobListener.NONE);
        }
        localAssignments = strings(ASSIGNMENTS);
        localObservations = strings(OBSERVATIONS);
        assertThat(localAssignments).hasSizeGreaterThan(1000);
        assertThat(strings("SELECT DISTINCT source::text FROM tag_assignment")).containsExactlyInAnyOrder("0", "1");
    }

    @BeforeEach
    void unparsed() throws SQLException {
        execute("DELETE FROM tag_assignment");
        execute("DELETE FROM surface_observation");
        execute("DELETE FROM job WHERE id <> " + localJob.id());
    }

    @AfterAll
    static void stopSpark() {
        stopSession();
    }

    @Test
    void parseWithSparkLocal2GivesExactlyTheLocalJobsRows() throws Exception {
        stopSession();
        String url = TestDatabase.get().url();
        assertThat(TagforgeSpark.commandLine().execute("parse", "--dataset", DATASET, "--spark", "local[2]", "--db-url", url,
                "--db-user", "postgres", "--db-password", "")).isZero();

        assertThat(strings(ASSIGNMENTS)).isEqualTo(localAssignments);
        assertThat(strings(OBSERVATIONS)).isEqualTo(localObservations);
        JobRecord job = latestJob();
        assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(job.kind()).isEqualTo("parse");
        assertThat(job.progress()).isEqualTo(396).isEqualTo(job.total());
        for (String count : List.of("captions", "parsed_original_tags", "parsed_generated_tags")) {
            assertThat(job.counts().path(count).asLong()).as(count).isEqualTo(localJob.counts().path(count).asLong());
        }
        // 4 × local[2]'s parallelism
        assertThat(job.counts().path("partitions").asLong()).isEqualTo(8);
        assertThat(strings("SELECT count(*) || ' ' || sum(rows) FROM stage_partition")).containsExactly("8 396");
    }

    @Test
    void aFirstAttemptThatFailsAfterOrBeforeItsCommitLeavesNoDuplicate() throws Exception {
        for (String when : List.of("after-commit", "before-commit")) {
            unparsed();
            session().conf().set(InjectedFailures.FIRST_ATTEMPT, when);
            JobRecord job;
            try {
                job = new SparkParseJob(session(), DB, ADDRESS, DATASET, 6).run("test", JobListener.NONE);
            } finally {
                session().conf().unset(InjectedFailures.FIRST_ATTEMPT);
            }
            assertThat(job.state()).as(when).isEqualTo(JobState.SUCCEEDED);
            assertThat(strings(ASSIGNMENTS)).as(when).isEqualTo(localAssignments);
            // mentions and progress are added, not keyed: a second commit of a partition would show here
            assertThat(strings(OBSERVATIONS)).as(when).isEqualTo(localObservations);
            assertThat(job.progress()).as(when).isEqualTo(396);
            assertThat(job.counts().path("captions").asLong()).as(when).isEqualTo(396);
            assertThat(job.counts().path("partitions").asLong()).as(when).isEqualTo(6);
            // a first attempt failing after its commit committed its range; one failing before left it to the second
            assertThat(strings("SELECT DISTINCT substring(attempt from '\\(attempt \\d+\\)') FROM stage_partition"))
                    .as(when).containsExactly(when.equals("after-commit") ? "(attempt 0)" : "(attempt 1)");
        }
    }

    @Test
    void aRerunAfterTheStageFailedHalfwayParsesOnlyTheRangesNotCommitted() throws Exception {
        long lastRangeStart = Long.parseLong(strings("SELECT percentile_disc(0.8) WITHIN GROUP (ORDER BY id) "
                + "FROM caption").iterator().next());
        session().conf().set(InjectedFailures.RANGES_FROM, String.valueOf(lastRangeStart));
        try {
            assertThatThrownBy(() -> new SparkParseJob(session(), DB, ADDRESS, DATASET, 5).run("test", JobListener.NONE))
                    .hasMessageContaining("injected failure");
        } finally {
            session().conf().unset(InjectedFailures.RANGES_FROM);
        }
        JobRecord failed = latestJob();
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        Set<String> committedBefore = committedRanges();
        assertThat(committedBefore).hasSizeBetween(1, 4);
        assertThat(failed.progress()).isEqualTo(Long.parseLong(strings("SELECT sum(rows) FROM stage_partition")
                .iterator().next()));

        JobRecord done = new SparkParseJob(session(), DB, ADDRESS, DATASET, 99).run("test", JobListener.NONE);

        // the resumed job kept its split of 5 ranges, not 99
        assertRerunRanOnlyTheMissingRanges(failed, done, committedBefore, 5, "caption ranges to parse");
        assertThat(strings(ASSIGNMENTS)).isEqualTo(localAssignments);
        assertThat(strings(OBSERVATIONS)).isEqualTo(localObservations);
        assertThat(done.progress()).isEqualTo(396);
        assertThat(done.counts().path("captions").asLong()).isEqualTo(396);
    }
}
