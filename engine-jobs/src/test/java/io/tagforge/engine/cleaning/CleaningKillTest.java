package io.tagforge.engine.cleaning;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagforge.engine.job.JobListener;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.job.JobState;
import io.tagforge.engine.job.JobStore;
import io.tagforge.engine.model.TestModels;
import io.tagforge.engine.testing.EngineFixture;
import io.tagforge.engine.testing.TestCli;
import io.tagforge.labelsystem.transaction.Transactions;
import java.awt.Color;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kill -9} of a real {@code ./tagforge clean} process in mid-run, then a rerun. */
class CleaningKillTest {

    private static final int IMAGES = 60;

    @TempDir
    Path dir;

    private EngineFixture fixture() throws Exception {
        EngineFixture f = new EngineFixture("killed", 0);
        Random random = new Random(5);
        try (Connection c = f.db.getConnection()) {
            for (int i = 0; i < IMAGES; i++) {
                Color left = i % 17 == 3 ? new Color(255, 150, 150) : new Color(185 + random.nextInt(20), 10, 10);
                Path file = dir.resolve("k" + i + ".png");
                if (!file.toFile().exists()) {
                    ImageIO.write(TestModels.halves(left, new Color(10, 10, 190 + random.nextInt(15))), "png", file.toFile());
                }
                long image = f.addImage(c, file.toString());
                for (String tag : List.of("red", "blue", "dark")) {
                    f.exec("INSERT INTO tag_assignment (image_id, dataset_id, tag_id, source, score) VALUES (" + image
                            + ", " + f.datasetId + ", " + f.tags.get(tag) + ", 2, 0.9)");
                }
            }
        }
        return f;
    }

    private static CleaningRequest request() {
        return new CleaningRequest("killed", TestModels.folder("detector").toAbsolutePath(),
                TestModels.folder("embedder").toAbsolutePath(), List.of("red", "blue", "dark"), 1, 0.1, 3, 42, null,
                null, 2);
    }

    @Test
    void aCleanProcessKilledMidRunAndRerunEndsWithTheRowsOfAnUninterruptedRun() throws Exception {
        String assignments = "SELECT i.path, t.name, a.state, a.flag_rule, e.evidence FROM tag_assignment a "
                + "JOIN image i ON i.id = a.image_id JOIN tag t ON t.id = a.tag_id "
                + "LEFT JOIN flag_evidence e ON e.assignment_id = a.id ORDER BY 1, 2";
        String regions = "SELECT i.path, t.name, r.x1, r.y1, r.x2, r.y2, r.score, r.cluster, r.distance, "
                + "r.outlier_percentile, count(e.region_id) FROM region r JOIN image i ON i.id = r.image_id "
                + "JOIN tag t ON t.id = r.tag_id LEFT JOIN region_embedding e ON e.region_id = r.id "
                + "GROUP BY r.id, i.path, t.name ORDER BY 1, 2, 3, 4";
        EngineFixture f = fixture();
        CleaningJob.run(Transactions.over(f.db), request(), "test", JobListener.NONE);
        List<String> uninterruptedAssignments = f.rows(assignments);
        List<String> uninterruptedRegions = f.rows(regions);
        assertThat(uninterruptedAssignments.stream().filter(r -> r.contains("OUTLIER_REGION"))).isNotEmpty();

        f = fixture();
        ProcessBuilder command = TestCli.child("clean", "--dataset", "killed", "--detector",
                request().detector().toString(), "--embedder", request().embedder().toString(),
                "--categories", "red,blue,dark", "--min-images", "1", "--k", "3", "--seed", "42", "--batch-size", "2")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile());
        Process child = command.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        long progress = 0;
        while (progress < 6 && System.nanoTime() < deadline && child.isAlive()) {
            Thread.sleep(20);
            List<String> job = f.rows("SELECT progress FROM job");
            progress = job.isEmpty() ? 0 : Long.parseLong(job.get(0));
        }
        TestCli.kill(child, new JobStore(Transactions.over(f.db)));
        assertThat(f.rows("SELECT state FROM job")).as("killed while running, log in %s", dir.resolve("child.log"))
                .containsExactly("RUNNING");
        assertThat(f.count("SELECT progress FROM job")).isBetween(6L, (long) IMAGES - 1);

        JobRecord resumed = CleaningJob.run(Transactions.over(f.db), request(), "test", JobListener.NONE);
        assertThat(resumed.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(f.count("SELECT count(*) FROM job")).isEqualTo(1);
        assertThat(resumed.counts().path("images").asLong()).isEqualTo(IMAGES);
        assertThat(f.rows(assignments)).isEqualTo(uninterruptedAssignments);
        assertThat(f.rows(regions)).isEqualTo(uninterruptedRegions);
    }
}
