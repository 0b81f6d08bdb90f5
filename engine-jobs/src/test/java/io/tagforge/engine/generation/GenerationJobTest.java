package io.tagforge.engine.generation;

import static io.tagforge.engine.model.TestModels.channelMeans;
import static io.tagforge.engine.model.TestModels.sigmoid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagforge.engine.job.JobListener;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.job.JobState;
import io.tagforge.engine.job.JobStore;
import io.tagforge.engine.model.ImageFiles;
import io.tagforge.engine.model.TestModels;
import io.tagforge.engine.testing.EngineFixture;
import io.tagforge.labelsystem.transaction.Transactions;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationJobTest {

    private static final int IMAGES = 10;

    @TempDir
    Path dir;

    private static GenerationRequest request(String dataset, String release, boolean captions, int batchSize) {
        return new GenerationRequest(dataset, TestModels.folder("tagger"), release,
                captions ? TestModels.folder("captioner") : null, batchSize);
    }

    @Test
    void addsTheTaggersTagsAboveThresholdAndParsedGeneratedCaptions() throws Exception {
        EngineFixture f = new EngineFixture("gen", IMAGES);
        // one parsed original tag per image, so "before" is not zero
        for (long image : f.images) {
            f.exec("INSERT INTO caption (image_id, origin, text) VALUES (" + image + ", 0, 'a photo')");
            f.exec("INSERT INTO tag_assignment (image_id, dataset_id, tag_id, caption_id, source) SELECT " + image
                    + ", " + f.datasetId + ", " + f.tags.get("sky") + ", id, 0 FROM caption WHERE image_id = " + image);
        }
        JobRecord job = GenerationJob.run(Transactions.over(f.db), request("gen", "tiny-colours", true, 4), f.vocabulary(), "test",
                JobListener.NONE);

        assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(job.counts().path("images").asLong()).isEqualTo(IMAGES);
        assertThat(job.counts().path("tags_before").asLong()).isEqualTo(IMAGES);
        long modelTags = f.count("SELECT count(*) FROM tag_assignment WHERE source = 2");
        assertThat(job.counts().path("model_tags").asLong()).isEqualTo(modelTags).isPositive();
        for (int i = 0; i < IMAGES; i++) {
            BufferedImage image = ImageFiles.read(f.files.get(i));
            double[] m = channelMeans(image);
            double[] expected = {sigmoid(12 * (m[0] - 0.45)), sigmoid(12 * (m[1] - 0.45)), sigmoid(12 * (m[2] - 0.45)),
                    sigmoid(12 * (m[3] - 0.55)), sigmoid(12 * (0.35 - m[3]))};
            List<String> tags = f.rows("SELECT t.name FROM tag_assignment a JOIN tag t ON t.id = a.tag_id "
                    + "WHERE a.source = 2 AND a.image_id = " + f.images.get(i));
            for (int t = 0; t < expected.length; t++) {
                if (Math.abs(expected[t] - 0.5) > 0.06) {
                    assertThat(tags.contains(EngineFixture.RELEASE_TAGS.get(t))).as("image %d tag %s p=%.2f", i,
                            EngineFixture.RELEASE_TAGS.get(t), expected[t]).isEqualTo(expected[t] > 0.5);
                }
            }
        }
        assertThat(f.rows("SELECT min(score) >= 0.5 FROM tag_assignment WHERE source = 2")).containsExactly("t");
        // every image got a generated caption by the captioner, parsed into its tags
        List<String> captions = f.rows("SELECT model || ':' || text FROM caption WHERE origin = 1 ORDER BY image_id");
        assertThat(captions).hasSize(IMAGES).allSatisfy(c -> assertThat(c).startsWith("tiny-colour-captioner:a "));
        assertThat(f.rows("SELECT c.text, string_agg(t.name, ',' ORDER BY t.name) FROM tag_assignment a "
                + "JOIN caption c ON c.id = a.caption_id JOIN tag t ON t.id = a.tag_id WHERE a.source = 1 "
                + "GROUP BY a.image_id, c.text"))
                .hasSize(IMAGES)
                .allSatisfy(row -> assertThat(row).isIn("a red car on the street|car,red,street",
                        "a green field with a tree|field,green,tree", "a blue sky over the water|blue,sky,water"));
        assertThat(job.counts().path("tags_after").asLong())
                .isEqualTo(f.count("SELECT count(DISTINCT (image_id, tag_id)) FROM tag_assignment"))
                .isGreaterThan(IMAGES * 3);
    }

    @Test
    void aJobFailedBetweenBatchesAndRerunEndsWithTheRowsOfAnUninterruptedRun() throws Exception {
        String rowsQuery = "SELECT i.path, t.name, a.source, a.score, a.state, c.text FROM tag_assignment a "
                + "JOIN image i ON i.id = a.image_id JOIN tag t ON t.id = a.tag_id "
                + "LEFT JOIN caption c ON c.id = a.caption_id ORDER BY 1, 2, 3, 6";
        String captionsQuery = "SELECT i.path, c.origin, c.model, c.text FROM caption c JOIN image i ON i.id = c.image_id ORDER BY 1, 4";
        EngineFixture f = new EngineFixture("resume", IMAGES);
        GenerationJob.run(Transactions.over(f.db), request("resume", "tiny-colours", true, 3), f.vocabulary(), "test", JobListener.NONE);
        List<String> uninterrupted = f.rows(rowsQuery);
        List<String> uninterruptedCaptions = f.rows(captionsQuery);

        f = new EngineFixture("resume", IMAGES);
        JobListener failAfterTwoBatches = new JobListener() {
            private int batches;

            @Override
            public void progressed(long progress, Long total) {
                if (progress > 0 && ++batches == 2) {
                    throw new IllegalStateException("injected failure after the second batch");
                }
            }
        };
        EngineFixture fixture = f;
        assertThatThrownBy(() -> GenerationJob.run(Transactions.over(fixture.db), request("resume", "tiny-colours", true, 3),
                fixture.vocabulary(), "test", failAfterTwoBatches)).hasMessageContaining("injected failure");
        assertThat(f.rows("SELECT state, progress FROM job")).containsExactly("FAILED|6");
        assertThat(f.count("SELECT count(DISTINCT image_id) FROM caption WHERE origin = 1")).isEqualTo(6);

        JobRecord resumed = GenerationJob.run(Transactions.over(f.db), request("resume", "tiny-colours", true, 3), f.vocabulary(), "test",
                JobListener.NONE);
        assertThat(resumed.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(f.count("SELECT count(*) FROM job")).isEqualTo(1);
        assertThat(resumed.counts().path("images").asLong()).isEqualTo(IMAGES);
        assertThat(f.rows(rowsQuery)).isEqualTo(uninterrupted);
        assertThat(f.rows(captionsQuery)).isEqualTo(uninterruptedCaptions);
    }

    @Test
    void aCancelledJobStopsBeforeItsNextBatchAndARerunFinishesIt() throws Exception {
        EngineFixture f = new EngineFixture("cancel", 4);
        JobStore store = new JobStore(Transactions.over(f.db));
        JobListener cancelAtStart = new JobListener() {
            @Override
            public void started(JobRecord job) {
                store.requestCancel(job.id());
            }
        };
        JobRecord cancelled = GenerationJob.run(Transactions.over(f.db), request("cancel", "tiny-colours", false, 2), null, "test",
                cancelAtStart);
        assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
        assertThat(cancelled.progress()).isZero();
        assertThat(f.count("SELECT count(*) FROM tag_assignment")).isZero();

        JobRecord finished = GenerationJob.run(Transactions.over(f.db), request("cancel", "tiny-colours", false, 2), null, "test",
                JobListener.NONE);
        assertThat(finished.id()).isEqualTo(cancelled.id());
        assertThat(finished.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(finished.counts().path("images").asLong()).isEqualTo(4);
    }

    @Test
    void unreadableImagesAreSkippedAndCountedInTheJobRow() throws Exception {
        EngineFixture f = new EngineFixture("bad-images", 3);
        byte[] jpeg = Files.readAllBytes(f.files.get(0));
        Path truncated = dir.resolve("truncated.jpg");
        Files.write(truncated, Arrays.copyOf(jpeg, jpeg.length / 3));
        try (Connection c = f.db.getConnection()) {
            f.addImage(c, truncated.toString());
            f.addImage(c, dir.resolve("missing.jpg").toString());
        }
        JobRecord job = GenerationJob.run(Transactions.over(f.db), request("bad-images", "tiny-colours", false, 2), null, "test",
                JobListener.NONE);
        assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(job.counts().path("images").asLong()).isEqualTo(3);
        assertThat(job.counts().path("images_unreadable").asLong()).isEqualTo(2);
        assertThat(f.rows("SELECT message FROM job_log WHERE level = 'WARN' ORDER BY id"))
                .hasSize(2).anySatisfy(m -> assertThat(m).contains(truncated.toString()));
        assertThat(f.count("SELECT count(DISTINCT image_id) FROM tag_assignment")).isLessThanOrEqualTo(3);
    }

    @Test
    void aTaggerWhoseOutputsDoNotMatchTheReleaseFailsBeforeWritingAnything() throws Exception {
        EngineFixture f = new EngineFixture("mismatch", 2);
        try (Connection c = f.db.getConnection()) {
            f.release(c, "five", EngineFixture.RELEASE_TAGS.subList(0, 5));
        }
        assertThatThrownBy(() -> GenerationJob.run(Transactions.over(f.db), request("mismatch", "five", false, 2), null, "test",
                JobListener.NONE))
                .hasMessage(TestModels.folder("tagger") + ": the tagger gives 6 probabilities per image, "
                        + "release five has 5 tags");
        assertThat(f.count("SELECT count(*) FROM tag_assignment")).isZero();
        assertThat(f.rows("SELECT state, error FROM job")).singleElement().asString().startsWith("FAILED|");
        assertThatThrownBy(() -> GenerationJob.run(Transactions.over(f.db), request("nope", "five", false, 2), null, "test",
                JobListener.NONE)).hasMessage("dataset: no dataset named \"nope\"");
    }
}
