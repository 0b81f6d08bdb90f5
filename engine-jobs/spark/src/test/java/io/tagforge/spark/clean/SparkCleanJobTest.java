package io.tagforge.spark.clean;

import static io.tagforge.spark.StageTests.runWith;
import static io.tagforge.spark.StageTests.session;
import static io.tagforge.spark.StageTests.stopSession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagforge.engine.cleaning.CleaningJob;
import io.tagforge.engine.cleaning.CleaningRequest;
import io.tagforge.engine.job.JobListener;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.job.JobState;
import io.tagforge.engine.job.JobStore;
import io.tagforge.engine.model.ModelDevice;
import io.tagforge.engine.testing.EngineFixture;
import io.tagforge.labelsystem.database.TestDatabase;
import io.tagforge.labelsystem.transaction.Transactions;
import io.tagforge.spark.TagforgeSpark;
import io.tagforge.spark.database.DatabaseAddress;
import io.tagforge.spark.partition.InjectedFailures;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Spark clean stage against the local clean job on 40 COCO-MINI val2017 images tagged with the tiny models'
 * colours (the detector, embedder and tagger of engine-jobs' cleaning tests): the same regions, flags and evidence,
 * also when every task's first attempt fails; and a category bigger than the cluster sample scored whole.
 */
class SparkCleanJobTest {

    private static final Path MODELS = Path.of("../src/test/resources/models").toAbsolutePath().normalize();
    private static final String DATASET = "coco-mini-val";
    private static final List<String> CATEGORIES = List.of("red", "green", "blue", "bright", "dark", "textured");
    private static final DatabaseAddress ADDRESS = new DatabaseAddress(TestDatabase.get().url(), "postgres", "");
    /** every flag: the assignment, its rule and evidence; every region: box, source, cluster, distance, percentile */
    private static final String FLAGS = "SELECT i.path || ' ' || t.name || ' ' || a.source || ' ' || a.state || ' ' "
            + "|| coalesce(a.flag_rule::text, '-') || ' ' || coalesce(e.evidence::text, '-') FROM tag_assignment a "
            + "JOIN image i ON i.id = a.image_id JOIN tag t ON t.id = a.tag_id "
            + "LEFT JOIN flag_evidence e ON e.assignment_id = a.id";
    private static final String REGIONS = "SELECT i.path || ' ' || t.name || ' ' || concat_ws(' ', r.x1, r.y1, r.x2, "
            + "r.y2, r.score, r.source, r.cluster, r.distance, r.outlier_percentile, md5(e.vector)) FROM region r "
            + "JOIN image i ON i.id = r.image_id JOIN tag t ON t.id = r.tag_id "
            + "LEFT JOIN region_embedding e ON e.region_id = r.id";
    private static final String TAG_PAIRS = "SELECT image_id || ' ' || tag_id || ' ' || state || ' ' "
            + "|| coalesce(flag_rule::text, '-') || ' ' || coalesce(percentile::text, '-') FROM tag_pair";

    private static EngineFixture fixture;
    private static JobRecord localJob;
    private static Set<String> localFlags;
    private static Set<String> localRegions;
    private static Set<String> localPairs;

    private static CleaningRequest request() {
        return new CleaningRequest(DATASET, MODELS.resolve("detector"), MODELS.resolve("embedder"), CATEGORIES, 1, 0.1,
                2, 42, MODELS.resolve("tagger"), "tiny-colours", 4, false, ModelDevice.CPU);
    }

    @BeforeAll
    static void cleanedLocally() throws Exception {
        fixture();
        localJob = CleaningJob.run(Transactions.over(fixture.db), request(), "test", JobListener.NONE);
        assertThat(localJob.state()).isEqualTo(JobState.SUCCEEDED);
        localFlags = strings(FLAGS);
        localRegions = strings(REGIONS);
        localPairs = strings(TAG_PAIRS);
        // the comparison has something in it: every rule and clustered categories
        assertThat(fixture.count("SELECT count(DISTINCT flag_rule) FROM tag_assignment WHERE state = 1")).isEqualTo(3);
        assertThat(localJob.counts().path("categories_clustered").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(fixture.count("SELECT count(*) FROM region WHERE outlier_percentile IS NOT NULL")).isGreaterThan(40);
    }

    /** A fresh database: 40 images, each tagged with every colour category (as the tagger's model tags would). */
    private static void fixture() throws Exception {
        fixture = new EngineFixture(DATASET, 40);
        for (long image : fixture.images) {
            for (String tag : CATEGORIES) {
                fixture.exec("INSERT INTO tag_assignment (image_id, dataset_id, tag_id, source, score) VALUES ("
                        + image + ", " + fixture.datasetId + ", " + fixture.tags.get(tag) + ", 2, 0.9)");
            }
        }
    }

    @AfterAll
    static void stopSpark() {
        stopSession();
    }

    @Test
    void cleanWithSparkLocal2GivesTheLocalJobsRegionsFlagsAndEvidence() throws Exception {
        fixture();
        stopSession();
        assertThat(TagforgeSpark.commandLine().execute("clean", "--dataset", DATASET, "--spark", "local[2]",
                "--detector", MODELS.resolve("detector").toString(), "--embedder", MODELS.resolve("embedder").toString(),
                "--tagger", MODELS.resolve("tagger").toString(), "--release", "tiny-colours",
                "--categories", String.join(",", CATEGORIES), "--min-images", "1", "--k", "2", "--batch-size", "4",
                "--device", "cpu", "--db-url", TestDatabase.get().url(), "--db-user", "postgres", "--db-password", ""))
                .isZero();

        assertSameAsLocal("local[2]");
        JobRecord job = new JobStore(Transactions.over(fixture.db)).recent(1).get(0);
        assertThat(job.kind()).isEqualTo("clean");
        assertThat(job.params()).isEqualTo(localJob.params());
        // 4 × local[2]'s parallelism image ranges, one partition per category
        assertThat(strings("SELECT stage || ' ' || count(*) FROM stage_partition GROUP BY stage"))
                .containsExactlyInAnyOrder("clean-detect 8", "clean-cluster 6");
    }

    @Test
    void aFirstAttemptThatFailsAfterOrBeforeItsCommitLeavesNoDuplicate() throws Exception {
        for (String when : List.of("after-commit", "before-commit")) {
            fixture();
            JobRecord job = runWith(InjectedFailures.FIRST_ATTEMPT, when,
                    () -> new SparkCleanJob(session(), fixture.db, ADDRESS, request(), 5, 100_000, null)
                            .run("test", JobListener.NONE));
            assertThat(job.state()).as(when).isEqualTo(JobState.SUCCEEDED);
            assertSameAsLocal(when);
            assertThat(strings("SELECT DISTINCT substring(attempt from '\\(attempt \\d+\\)') FROM stage_partition"))
                    .as(when).containsExactly(when.equals("after-commit") ? "(attempt 0)" : "(attempt 1)");
        }
    }

    @Test
    void aRerunAfterTheDetectStageFailedHalfwayRunsOnlyTheRangesNotCommitted() throws Exception {
        fixture();
        // the ranges from the middle image on fail: the split's first ones commit, its last ones cannot
        long middle = Long.parseLong(fixture.rows("SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY id) "
                + "FROM image").get(0));
        assertThatThrownBy(() -> runWith(InjectedFailures.RANGES_FROM, String.valueOf(middle),
                () -> new SparkCleanJob(session(), fixture.db, ADDRESS, request(), 5, 100_000, null)
                        .run("test", JobListener.NONE)))
                .hasMessageContaining("injected failure");
        Set<String> committedBefore = strings("SELECT range_start || ' ' || attempt || ' ' || finished_at "
                + "FROM stage_partition WHERE stage = 'clean-detect'");
        assertThat(committedBefore).hasSizeBetween(1, 4);
        assertThat(strings("SELECT state FROM job")).containsExactly("FAILED");

        JobRecord done = new SparkCleanJob(session(), fixture.db, ADDRESS, request(), 99, 100_000, null).run("test",
                JobListener.NONE);

        assertThat(strings("SELECT count(*) FROM job")).containsExactly("1");
        // the resumed job kept its split of 5 ranges (not 99) and left the committed ones as they were
        assertThat(strings("SELECT range_start || ' ' || attempt || ' ' || finished_at FROM stage_partition "
                + "WHERE stage = 'clean-detect'")).hasSize(5).containsAll(committedBefore);
        assertThat(new JobStore(Transactions.over(fixture.db)).logLines(done.id(), 20)).anyMatch(line -> line.endsWith(
                "spark: " + (5 - committedBefore.size()) + " image ranges to detect and embed"));
        assertSameAsLocal("rerun");
    }

    @Test
    void aCategoryBiggerThanTheSampleIsScoredWholeAndFlaggedByTheRule() throws Exception {
        fixture();
        // every partition's first attempt fails inside its transaction: the image partitions too, after the shuffle
        JobRecord job = runWith(InjectedFailures.FIRST_ATTEMPT, "before-commit",
                () -> new SparkCleanJob(session(), fixture.db, ADDRESS, request(), 3, 20, null)
                        .run("test", JobListener.NONE));
        assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
        // the region pass does not depend on the sample
        assertThat(strings("SELECT i.path || ' ' || r.tag_id || ' ' || r.x1 || ' ' || r.y1 || ' ' || r.source "
                + "FROM region r JOIN image i ON i.id = r.image_id")).hasSize(localRegions.size());
        int big = 0;
        for (String category : CATEGORIES) {
            int tagId = fixture.tags.get(category);
            // in the category's region order (image, source, box), each with its rank by distance
            List<String> regions = fixture.rows("SELECT r.image_id, r.score, r.distance, r.outlier_percentile, r.cluster, "
                    + "row_number() OVER (ORDER BY r.distance, r.image_id, r.source COLLATE \"C\", r.x1, r.y1, r.x2, r.y2) - 1 "
                    + "FROM region r WHERE r.tag_id = " + tagId + " ORDER BY r.image_id, r.source COLLATE \"C\", r.x1, r.y1, "
                    + "r.x2, r.y2");
            int n = regions.size();
            if (n <= 20) {
                continue;
            }
            big++;
            assertThat(strings("SELECT count(*) || ' ' || sum(rows) || ' ' || bool_and(attempt LIKE '%(attempt 1)%') "
                    + "FROM stage_partition WHERE stage = 'clean-cluster:" + tagId + "'")).as(category)
                    .containsExactly((n + 19) / 20 + " 1 true");
            // every region scored; percentiles are the ranks by distance; the best region of each image decides
            Map<String, String[]> best = new LinkedHashMap<>();
            for (String row : regions) {
                String[] r = row.split("\\|");
                int rank = Integer.parseInt(r[5]);
                assertThat(Float.parseFloat(r[3])).as(category + " rank " + rank).isEqualTo((float) (100.0 * (rank + 1) / n));
                assertThat(Integer.parseInt(r[4])).isBetween(0, 1);
                String[] previous = best.get(r[0]);
                if (previous == null || Float.parseFloat(r[1]) > Float.parseFloat(previous[1])) {
                    best.put(r[0], r);
                }
            }
            Set<String> outliers = new HashSet<>();
            best.forEach((image, region) -> {
                if (Integer.parseInt(region[5]) >= n - (int) Math.floor(0.1 * n)) {
                    outliers.add(image);
                }
            });
            Set<String> lowScore = strings("SELECT image_id FROM tag_assignment WHERE flag_rule = 2 AND tag_id = " + tagId);
            outliers.removeAll(lowScore);
            assertThat(strings("SELECT a.image_id || ' ' || (e.evidence->>'regions_of_tag') || ' ' "
                    + "|| (e.evidence->>'distance') FROM tag_assignment a JOIN flag_evidence e ON e.assignment_id = a.id "
                    + "WHERE a.flag_rule = 0 AND a.tag_id = " + tagId)).as(category)
                    .isEqualTo(outliers.stream().map(image -> image + " " + n + " "
                            + Float.parseFloat(best.get(image)[2])).collect(Collectors.toSet()));
        }
        assertThat(big).isGreaterThanOrEqualTo(2);
        assertThat(job.counts().path("categories_clustered").asLong())
                .isEqualTo(localJob.counts().path("categories_clustered").asLong());
        assertThat(job.progress()).isEqualTo(localJob.progress());
    }

    /** Progress and counts are added per partition, not keyed: a second commit of one would show here. */
    private static void assertSameAsLocal(String run) throws SQLException {
        assertThat(strings(REGIONS)).as(run).isEqualTo(localRegions);
        assertThat(strings(FLAGS)).as(run).isEqualTo(localFlags);
        assertThat(strings(TAG_PAIRS)).as(run).isEqualTo(localPairs);
        JobRecord job = new JobStore(Transactions.over(fixture.db)).recent(1).get(0);
        assertThat(job.state()).as(run).isEqualTo(JobState.SUCCEEDED);
        assertThat(job.progress()).as(run).isEqualTo(localJob.progress()).isEqualTo(job.total());
        localJob.counts().fields().forEachRemaining(count -> assertThat(job.counts().path(count.getKey()).asLong())
                .as(run + " " + count.getKey()).isEqualTo(count.getValue().asLong()));
    }

    static Set<String> strings(String sql) throws SQLException {
        return new HashSet<>(fixture.rows(sql));
    }
}
