package io.tagforge.engine.cleaning;

import io.tagforge.engine.testing.TestCli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagforge.engine.cli.TagforgeCli;
import io.tagforge.engine.job.JobListener;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.job.JobState;
import io.tagforge.engine.model.Detection;
import io.tagforge.engine.model.Detector;
import io.tagforge.engine.model.ImageFiles;
import io.tagforge.engine.model.ModelDevice;
import io.tagforge.engine.model.Tagger;
import io.tagforge.engine.model.TestModels;
import io.tagforge.engine.testing.EngineFixture;
import io.tagforge.labelsystem.transaction.Transactions;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

class CleaningJobTest {

    @TempDir
    Path dir;

    private static CleaningRequest request(String dataset, List<String> categories, boolean tagger) {
        return new CleaningRequest(dataset, TestModels.folder("detector"), TestModels.folder("embedder"), categories,
                1, 0.1, 2, 42, tagger ? TestModels.folder("tagger") : null, tagger ? "tiny-colours" : null, 4);
    }

    /**
     * 20 images red on the left and blue on the right, two of them a pale pink-red far from the others in
     * colour; one green-and-blue image (the only green region); a truncated file; a stored zero-size box.
     */
    private EngineFixture plantedOutliers() throws Exception {
        EngineFixture f = new EngineFixture("planted", 0);
        Random random = new Random(3);
        try (Connection c = f.db.getConnection()) {
            for (int i = 0; i < 20; i++) {
                boolean odd = i == 6 || i == 13;
                Color left = odd ? new Color(255, 140, 140) : new Color(190 + random.nextInt(10), 10, 10);
                long image = f.addImage(c, write("img" + i + ".png", left, new Color(10, 10, 195 + random.nextInt(10))));
                tag(f, image, "red");
                tag(f, image, "blue");
                if (i == 1) {
                    tag(f, image, "car");
                }
            }
            long green = f.addImage(c, write("green.png", new Color(10, 200, 10), new Color(10, 10, 200)));
            tag(f, green, "green");
            tag(f, green, "blue");
            byte[] png = Files.readAllBytes(dir.resolve("img0.png"));
            Path truncated = dir.resolve("truncated.png");
            Files.write(truncated, Arrays.copyOf(png, png.length / 2));
            tag(f, f.addImage(c, truncated.toString()), "red");
        }
        f.exec("INSERT INTO region (image_id, tag_id, x1, y1, x2, y2, score, source) SELECT min(id), "
                + f.tags.get("blue") + ", 0.5, 0.2, 0.5, 0.8, 1, 'import:test' FROM image");
        return f;
    }

    private String write(String name, Color left, Color right) throws Exception {
        Path file = dir.resolve(name);
        ImageIO.write(TestModels.halves(left, right), "png", file.toFile());
        return file.toString();
    }

    private static void tag(EngineFixture f, long image, String tag) throws Exception {
        f.exec("INSERT INTO tag_assignment (image_id, dataset_id, tag_id, source, score) VALUES (" + image + ", "
                + f.datasetId + ", " + f.tags.get(tag) + ", 2, 0.9)");
    }

    @Test
    void flagsThePlantedOutlierRegionsAndCountsEverySkip() throws Exception {
        EngineFixture f = plantedOutliers();
        JobRecord job = CleaningJob.run(Transactions.over(f.db), request("planted", List.of("red", "blue", "green", "car"), false), "test",
                JobListener.NONE);

        assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(f.rows("SELECT i.path FROM tag_assignment a JOIN image i ON i.id = a.image_id "
                + "WHERE a.state = 1 AND a.flag_rule = 0 AND a.tag_id = " + f.tags.get("red") + " ORDER BY 1"))
                .containsExactly(dir.resolve("img13.png").toString(), dir.resolve("img6.png").toString());
        var counts = job.counts();
        assertThat(counts.path("images").asLong()).isEqualTo(22);
        assertThat(counts.path("images_unreadable").asLong()).isEqualTo(1);
        assertThat(counts.path("regions_zero_size").asLong()).isEqualTo(1);
        assertThat(counts.path("categories").asLong()).isEqualTo(4);
        assertThat(counts.path("categories_unknown_to_detector").asLong()).isEqualTo(1);
        // green has one region: nothing to cluster; car has none
        assertThat(counts.path("categories_too_few_regions").asLong()).isEqualTo(2);
        assertThat(counts.path("categories_clustered").asLong()).isEqualTo(2);
        assertThat(counts.path("flags_no_region").asLong()).isZero();
        assertThat(f.count("SELECT count(*) FROM region WHERE tag_id = " + f.tags.get("red"))).isEqualTo(20);
        assertThat(f.count("SELECT count(*) FROM region WHERE tag_id = " + f.tags.get("red")
                + " AND cluster IS NOT NULL AND distance IS NOT NULL AND outlier_percentile > 0")).isEqualTo(20);
        assertThat(f.count("SELECT count(*) FROM region r JOIN region_embedding e ON e.region_id = r.id "
                + "WHERE length(e.vector) = 32 AND e.model = 'tiny-colour-embedder'")).isEqualTo(20 + 21 + 1);
        assertThat(f.count("SELECT count(*) FROM tag_assignment WHERE state = 1 AND tag_id IN ("
                + f.tags.get("green") + ", " + f.tags.get("car") + ")")).isZero();
        // blue: 2 of its 21 regions are the top tenth
        assertThat(f.count("SELECT count(*) FROM tag_assignment WHERE flag_rule = 0 AND tag_id = " + f.tags.get("blue")))
                .isEqualTo(2);

        List<String> evidence = f.rows("SELECT e.evidence->>'rule', e.evidence->>'distance_percentile', "
                + "e.evidence->>'cluster', e.evidence->>'score', jsonb_array_length(e.evidence->'boxes'), "
                + "e.evidence->'boxes'->0->'box' FROM flag_evidence e JOIN tag_assignment a ON a.id = e.assignment_id "
                + "WHERE a.tag_id = " + f.tags.get("red"));
        assertThat(evidence).hasSize(2).allSatisfy(row -> {
            String[] cells = row.split("\\|");
            assertThat(cells[0]).isEqualTo("OUTLIER_REGION");
            assertThat(Double.parseDouble(cells[1])).isGreaterThan(90);
            assertThat(Integer.parseInt(cells[2])).isBetween(0, 1);
            assertThat(Double.parseDouble(cells[3])).isEqualTo(1.0);
            assertThat(cells[4]).isEqualTo("1");
            assertThat(cells[5]).startsWith("[0.0, 0.0, 0.5");
        });
        assertThat(f.rows("SELECT message FROM job_log WHERE level = 'WARN'")).singleElement().asString()
                .contains("truncated.png");
    }

    @Test
    void aJobFailedMidRunAndRerunEndsWithTheRowsOfAnUninterruptedRun() throws Exception {
        String assignments = "SELECT i.path, t.name, a.source, a.state, a.flag_rule, e.evidence FROM tag_assignment a "
                + "JOIN image i ON i.id = a.image_id JOIN tag t ON t.id = a.tag_id "
                + "LEFT JOIN flag_evidence e ON e.assignment_id = a.id ORDER BY 1, 2, 3";
        String regions = "SELECT i.path, t.name, r.x1, r.y1, r.x2, r.y2, r.score, r.source, r.cluster, r.distance, "
                + "r.outlier_percentile, encode(e.vector, 'hex') FROM region r JOIN image i ON i.id = r.image_id "
                + "JOIN tag t ON t.id = r.tag_id LEFT JOIN region_embedding e ON e.region_id = r.id ORDER BY 1, 2, 3, 4, 8";
        List<String> categories = List.of("red", "blue", "green", "car");
        EngineFixture f = plantedOutliers();
        CleaningJob.run(Transactions.over(f.db), request("planted", categories, false), "test", JobListener.NONE);
        List<String> uninterruptedAssignments = f.rows(assignments);
        List<String> uninterruptedRegions = f.rows(regions);

        for (int failAt : new int[] {3, 7}) {
            EngineFixture g = plantedOutliers();
            JobListener failing = new JobListener() {
                private int steps;

                @Override
                public void progressed(long progress, Long total) {
                    if (++steps == failAt) {
                        throw new IllegalStateException("injected failure at step " + failAt);
                    }
                }
            };
            assertThatThrownBy(() -> CleaningJob.run(Transactions.over(g.db), request("planted", categories, false), "test", failing))
                    .hasMessageContaining("injected failure");
            assertThat(g.rows("SELECT state FROM job")).containsExactly("FAILED");
            JobRecord resumed = CleaningJob.run(Transactions.over(g.db), request("planted", categories, false), "test", JobListener.NONE);
            assertThat(resumed.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(g.count("SELECT count(*) FROM job")).isEqualTo(1);
            assertThat(resumed.counts().path("images").asLong()).isEqualTo(22);
            assertThat(g.rows(assignments)).as("assignments after a failure at step %d", failAt)
                    .isEqualTo(uninterruptedAssignments);
            assertThat(g.rows(regions)).as("regions after a failure at step %d", failAt).isEqualTo(uninterruptedRegions);
        }
    }

    @Test
    void flagsTagsWithoutARegionAndTagsTheTaggerScoresUnderThreshold() throws Exception {
        EngineFixture f = new EngineFixture("coco", 8);
        List<String> categories = List.of("red", "green", "blue", "bright", "dark", "textured", "car");
        for (long image : f.images) {
            for (String tag : categories) {
                tag(f, image, tag);
            }
        }
        JobRecord job = CleaningJob.run(Transactions.over(f.db), request("coco", categories, true), "test", JobListener.NONE);
        assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);

        Set<String> noRegion = new HashSet<>();
        Set<String> lowScore = new HashSet<>();
        try (Detector detector = Detector.load(TestModels.folder("detector"), ModelDevice.CPU, 4);
             Tagger tagger = Tagger.load(TestModels.folder("tagger"), ModelDevice.CPU, 4)) {
            for (int i = 0; i < f.files.size(); i++) {
                BufferedImage image = ImageFiles.read(f.files.get(i));
                List<Detection> found = detector.detect(List.of(new Detector.Request(image,
                        List.of("red", "green", "blue", "bright", "dark")))).get(0);
                float[] p = tagger.predict(List.of(image)).get(0);
                for (int t = 0; t < 6; t++) {
                    String tag = EngineFixture.RELEASE_TAGS.get(t);
                    boolean known = t < 5;
                    if (known && found.stream().noneMatch(d -> d.phrase().equals(tag))) {
                        noRegion.add(f.files.get(i).getFileName() + "|" + tag);
                    } else if (p[t] < 0.5) {
                        lowScore.add(f.files.get(i).getFileName() + "|" + tag);
                    }
                }
            }
        }
        String flagged = "SELECT i.path || '|' || t.name FROM tag_assignment a JOIN image i ON i.id = a.image_id "
                + "JOIN tag t ON t.id = a.tag_id WHERE a.state = 1 AND a.flag_rule = ";
        assertThat(noRegion).isNotEmpty();
        assertThat(lowScore).isNotEmpty();
        assertThat(new HashSet<>(f.rows(flagged + "1"))).isEqualTo(noRegion);
        assertThat(new HashSet<>(f.rows(flagged + "2"))).isEqualTo(lowScore);
        assertThat(job.counts().path("flags_no_region").asLong()).isEqualTo(noRegion.size());
        assertThat(job.counts().path("flags_low_score").asLong()).isEqualTo(lowScore.size());
        assertThat(f.rows("SELECT DISTINCT e.evidence->>'rule' || ',' || (e.evidence ? 'threshold') FROM flag_evidence e "
                + "JOIN tag_assignment a ON a.id = e.assignment_id WHERE a.flag_rule = 2")).containsExactly("LOW_SCORE,true");
        assertThat(f.count("SELECT count(*) FROM tag_assignment WHERE state = 1 AND tag_id = " + f.tags.get("car"))).isZero();
    }

    /** {@code ./tagforge clean --detector DIR} with the tiny Grounding-DINO ONNX folder, on COCO-MINI images. */
    @Test
    void theCleanCommandWithAGroundingDinoFolderStoresItsRegionsAndFlagsTagsItFindsNoRegionFor() throws Exception {
        EngineFixture f = new EngineFixture("coco", 8);
        List<String> categories = List.of("red", "green", "blue", "dark", "car", "street");
        for (long image : f.images) {
            for (String tag : categories) {
                tag(f, image, tag);
            }
        }
        Path gdino = TestModels.folder("grounding-dino");
        int exit;
        try (ConfigurableApplicationContext context = TestCli.context()) {
            exit = TagforgeCli.commandLine(context).execute("clean", "--dataset", "coco", "--detector", gdino.toString(),
                    "--embedder", TestModels.folder("embedder").toString(), "--categories", String.join(",", categories),
                    "--min-images", "1", "--k", "2");
        }
        assertThat(exit).isZero();

        // what the detector answers for each image's tags in tag order, "dark" being outside its vocabulary
        Set<String> regions = new HashSet<>();
        Set<String> noRegion = new HashSet<>();
        try (Detector detector = Detector.load(gdino, ModelDevice.CPU, 4)) {
            assertThat(detector.knows("dark")).isFalse();
            for (Path file : f.files) {
                List<String> asked = List.of("red", "green", "blue", "car", "street");
                List<Detection> found = detector.detect(List.of(new Detector.Request(ImageFiles.read(file), asked))).get(0);
                for (Detection d : found) {
                    regions.add(region(file.getFileName().toString(), d.phrase(), d.x1(), d.y1(), d.x2(), d.y2(), d.score()));
                }
                asked.stream().filter(tag -> found.stream().noneMatch(d -> d.phrase().equals(tag)))
                        .forEach(tag -> noRegion.add(file.getFileName() + "|" + tag));
            }
        }
        Set<String> stored = new HashSet<>();
        for (String row : f.rows("SELECT i.path, t.name, r.x1, r.y1, r.x2, r.y2, r.score FROM region r JOIN image i "
                + "ON i.id = r.image_id JOIN tag t ON t.id = r.tag_id WHERE r.source = 'detector:tiny-grounding-dino'")) {
            String[] cells = row.split("\\|");
            stored.add(region(cells[0], cells[1], Float.parseFloat(cells[2]), Float.parseFloat(cells[3]),
                    Float.parseFloat(cells[4]), Float.parseFloat(cells[5]), Float.parseFloat(cells[6])));
        }
        assertThat(stored).isEqualTo(regions);
        // each colour's regions are the colour's pixels in one half of the image
        assertThat(f.rows("SELECT DISTINCT t.name FROM region r JOIN tag t ON t.id = r.tag_id"))
                .containsExactlyInAnyOrder("red", "green", "blue");
        assertThat(f.count("SELECT count(*) FROM region WHERE NOT (x2 <= 0.5 OR x1 >= 0.5)")).isZero();
        // car lights up less than red for the same query, street never: both are flagged on every image
        assertThat(noRegion).containsAll(f.files.stream().map(p -> p.getFileName() + "|car").toList())
                .containsAll(f.files.stream().map(p -> p.getFileName() + "|street").toList());
        assertThat(new HashSet<>(f.rows("SELECT i.path || '|' || t.name FROM tag_assignment a JOIN image i ON "
                + "i.id = a.image_id JOIN tag t ON t.id = a.tag_id WHERE a.state = 1 AND a.flag_rule = 1"))).isEqualTo(noRegion);
        assertThat(f.rows("SELECT DISTINCT e.evidence->>'detector' || ' ' || (e.evidence->>'box_threshold') FROM "
                + "flag_evidence e JOIN tag_assignment a ON a.id = e.assignment_id WHERE a.flag_rule = 1"))
                .containsExactly("tiny-grounding-dino 0.35");
        JobRecord job = new io.tagforge.engine.job.JobStore(Transactions.over(f.db)).recent(1).get(0);
        assertThat(job.counts().path("categories_unknown_to_detector").asLong()).isEqualTo(1);
        assertThat(job.counts().path("flags_no_region").asLong()).isEqualTo(noRegion.size());
    }

    private static String region(String path, String tag, float x1, float y1, float x2, float y2, float score) {
        return String.format(java.util.Locale.ROOT, "%s|%s|%.4f %.4f %.4f %.4f %.4f", path, tag, x1, y1, x2, y2, score);
    }

    @Test
    void unknownCategoriesAndDatasetsAreRefusedByOption() throws Exception {
        EngineFixture f = new EngineFixture("refuse", 1);
        assertThatThrownBy(() -> CleaningJob.run(Transactions.over(f.db), request("refuse", List.of("unicorn"), false), "test",
                JobListener.NONE)).hasMessage("categories: no tag named \"unicorn\"");
        assertThatThrownBy(() -> CleaningJob.run(Transactions.over(f.db), request("nope", List.of("red"), false), "test",
                JobListener.NONE)).hasMessage("dataset: no dataset named \"nope\"");
        assertThat(f.count("SELECT count(*) FROM region")).isZero();
    }
}
