package io.tagforge.spark.parse;

import static io.tagforge.spark.StageTests.DB;
import static io.tagforge.spark.StageTests.assertRerunRanOnlyTheMissingRanges;
import static io.tagforge.spark.StageTests.committedRanges;
import static io.tagforge.spark.StageTests.latestJob;
import static io.tagforge.spark.StageTests.runWith;
import static io.tagforge.spark.StageTests.session;
import static io.tagforge.spark.StageTests.stopSession;
import static io.tagforge.spark.StageTests.strings;
import static io.tagforge.spark.parse.LocalParse.ADDRESS;
import static io.tagforge.spark.parse.LocalParse.ASSIGNMENTS;
import static io.tagforge.spark.parse.LocalParse.DATASET;
import static io.tagforge.spark.parse.LocalParse.OBSERVATIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagforge.engine.job.JobListener;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.job.JobState;
import io.tagforge.labelsystem.database.TestDatabase;
import io.tagforge.labelsystem.error.TagforgeException;
import io.tagforge.spark.TagforgeSpark;
import io.tagforge.spark.partition.InjectedFailures;
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

    private static LocalParse local;

    @BeforeAll
    static void parsedLocally() throws Exception {
        local = LocalParse.run();
    }

    @BeforeEach
    void unparsed() throws SQLException {
        local.unparse();
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

        assertThat(strings(ASSIGNMENTS)).isEqualTo(local.assignments());
        assertThat(strings(OBSERVATIONS)).isEqualTo(local.observations());
        JobRecord job = latestJob();
        assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(job.kind()).isEqualTo("parse");
        assertThat(job.progress()).isEqualTo(396).isEqualTo(job.total());
        for (String count : List.of("captions", "parsed_original_tags", "parsed_generated_tags")) {
            assertThat(job.counts().path(count).asLong()).as(count).isEqualTo(local.job().counts().path(count).asLong());
        }
        // 4 × local[2]'s parallelism
        assertThat(job.counts().path("partitions").asLong()).isEqualTo(8);
        assertThat(strings("SELECT count(*) || ' ' || sum(rows) FROM stage_partition")).containsExactly("8 396");
    }

    @Test
    void aFirstAttemptThatFailsAfterOrBeforeItsCommitLeavesNoDuplicate() throws Exception {
        for (String when : List.of("after-commit", "before-commit")) {
            unparsed();
            JobRecord job = runWith(InjectedFailures.FIRST_ATTEMPT, when,
                    () -> new SparkParseJob(session(), DB, ADDRESS, DATASET, 6).run("test", JobListener.NONE));
            assertThat(job.state()).as(when).isEqualTo(JobState.SUCCEEDED);
            assertThat(strings(ASSIGNMENTS)).as(when).isEqualTo(local.assignments());
            // mentions and progress are added, not keyed: a second commit of a partition would show here
            assertThat(strings(OBSERVATIONS)).as(when).isEqualTo(local.observations());
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
        assertThatThrownBy(() -> runWith(InjectedFailures.RANGES_FROM, String.valueOf(lastRangeStart),
                () -> new SparkParseJob(session(), DB, ADDRESS, DATASET, 5).run("test", JobListener.NONE)))
                .hasMessageContaining("injected failure");
        JobRecord failed = latestJob();
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        Set<String> committedBefore = committedRanges();
        assertThat(committedBefore).hasSizeBetween(1, 4);
        assertThat(failed.progress()).isEqualTo(Long.parseLong(strings("SELECT sum(rows) FROM stage_partition")
                .iterator().next()));

        // the local job refuses the split job: it would parse the committed ranges again and count them twice
        assertThatThrownBy(LocalParse::parse).isInstanceOf(TagforgeException.class)
                .hasMessage("job " + failed.id() + " (parse) was split into id ranges by a Spark run: resume it on "
                        + "Spark, which runs only the ranges not committed yet");
        assertThat(committedRanges()).isEqualTo(committedBefore);
        assertThat(latestJob().progress()).isEqualTo(failed.progress());

        JobRecord done = new SparkParseJob(session(), DB, ADDRESS, DATASET, 99).run("test", JobListener.NONE);

        // the resumed job kept its split of 5 ranges, not 99
        assertRerunRanOnlyTheMissingRanges(failed, done, committedBefore, 5, "caption ranges to parse");
        assertThat(strings(ASSIGNMENTS)).isEqualTo(local.assignments());
        assertThat(strings(OBSERVATIONS)).isEqualTo(local.observations());
        assertThat(done.progress()).isEqualTo(396);
        assertThat(done.counts().path("captions").asLong()).isEqualTo(396);
    }
}
