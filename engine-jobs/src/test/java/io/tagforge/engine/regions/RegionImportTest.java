package io.tagforge.engine.regions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagforge.engine.cleaning.CleaningJob;
import io.tagforge.engine.cleaning.CleaningRequest;
import io.tagforge.engine.job.JobListener;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.model.TestModels;
import io.tagforge.engine.testing.EngineFixture;
import io.tagforge.labelsystem.transaction.Transactions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegionImportTest {

    @TempDir
    Path dir;

    /** COCO-MINI val images with their COCO ids as external ids (000000000139.jpg → 139). */
    private static EngineFixture fixture(int images) throws Exception {
        EngineFixture f = new EngineFixture("imported", images);
        f.exec("UPDATE image SET external_id = ltrim(replace(path, '.jpg', ''), '0')");
        return f;
    }

    private static String id(EngineFixture f, int image) {
        return f.files.get(image).getFileName().toString().replace(".jpg", "").replaceFirst("^0+", "");
    }

    @Test
    void importsPixelBoxesNormalizedAndSkipsWhatItCannotPlace() throws Exception {
        EngineFixture f = fixture(3);
        Path categories = dir.resolve("instances.json");
        Files.writeString(categories, "{\"categories\": [{\"id\": 3, \"name\": \"car\"}, {\"id\": 90, \"name\": \"toothbrush\"}]}");
        Path results = dir.resolve("results.json");
        Files.writeString(results, "[" + String.join(",",
                "{\"image_id\": " + id(f, 0) + ", \"category_id\": 3, \"bbox\": [0, 0, 100, 50], \"score\": 0.9}",
                "{\"image_id\": " + id(f, 0) + ", \"category_name\": \"Sky\", \"bbox\": [10, 20, 30, 40], \"score\": 0.5}",
                "{\"image_id\": " + id(f, 1) + ", \"category_id\": 90, \"bbox\": [1, 1, 5, 5], \"score\": 0.8}",
                "{\"image_id\": 999999999, \"category_id\": 3, \"bbox\": [1, 1, 5, 5], \"score\": 0.8}",
                "{\"image_id\": " + id(f, 2) + ", \"category_id\": 3, \"bbox\": [5, 5, 0, 20], \"score\": 0.7}") + "]");

        RegionImport.Result result = RegionImport.run(Transactions.over(f.db), "imported", results, categories, "import:results.json");
        assertThat(result.detections()).isEqualTo(5);
        assertThat(result.added()).isEqualTo(2);
        assertThat(result.skipped()).isEqualTo(Map.of("unknown_category", 1L, "unknown_image", 1L, "boxes_zero_size", 1L));
        int[] size = size(f.files.get(0));
        assertThat(f.rows("SELECT t.name, r.x1, r.y1, r.x2, r.y2, r.score, r.source FROM region r JOIN tag t ON t.id = r.tag_id ORDER BY r.score DESC"))
                .containsExactly(
                        "car|0|0|" + (float) (100.0 / size[0]) + "|" + (float) (50.0 / size[1]) + "|0.9|import:results.json",
                        "sky|" + (float) (10.0 / size[0]) + "|" + (float) (20.0 / size[1]) + "|" + (float) (40.0 / size[0])
                                + "|" + (float) (60.0 / size[1]) + "|0.5|import:results.json");

        RegionImport.Result again = RegionImport.run(Transactions.over(f.db), "imported", results, categories, "import:results.json");
        assertThat(again.added()).isZero();
        assertThat(f.count("SELECT count(*) FROM region")).isEqualTo(2);
    }

    @Test
    void aMalformedElementFailsNamingItsIndexAndFieldAndAddsNothing() throws Exception {
        EngineFixture f = fixture(1);
        Path results = dir.resolve("bad.json");
        Files.writeString(results, "[{\"image_id\": " + id(f, 0) + ", \"category_name\": \"car\", \"bbox\": [0, 0, 10, 10], \"score\": 0.9},"
                + " {\"image_id\": " + id(f, 0) + ", \"category_name\": \"car\", \"bbox\": [0, 0, 10], \"score\": 0.9}]");
        assertThatThrownBy(() -> RegionImport.run(Transactions.over(f.db), "imported", results, null, "import:bad"))
                .hasMessage(results + ": element 1: field bbox must be [x, y, width, height] in pixels, was [0,0,10]");
        Files.writeString(results, "[{\"image_id\": 1, \"category_id\": 3, \"bbox\": [0, 0, 10, 10], \"score\": 0.9}]");
        assertThatThrownBy(() -> RegionImport.run(Transactions.over(f.db), "imported", results, null, "import:bad"))
                .hasMessage(results + ": element 0: field category_id given, but no categories file names the ids");
        Files.writeString(results, "[{\"image_id\": 1, \"category_name\": \"car\", \"bbox\": [0, 0, 10, 10], \"score\": 7}]");
        assertThatThrownBy(() -> RegionImport.run(Transactions.over(f.db), "imported", results, null, "import:bad"))
                .hasMessage(results + ": element 0: field score must be a number in [0, 1], was 7");
        assertThat(f.count("SELECT count(*) FROM region")).isZero();
    }

    @Test
    void cleaningWithoutADetectorClustersTheImportedRegions() throws Exception {
        EngineFixture f = fixture(12);
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 12; i++) {
            f.exec("INSERT INTO tag_assignment (image_id, dataset_id, tag_id, source, score) VALUES (" + f.images.get(i)
                    + ", " + f.datasetId + ", " + f.tags.get("car") + ", 2, 0.9)");
            json.append(i == 0 ? "" : ",").append("{\"image_id\": ").append(id(f, i))
                    .append(", \"category_name\": \"car\", \"bbox\": [10, 10, 200, 150], \"score\": 0.8}");
        }
        Path results = dir.resolve("cars.json");
        Files.writeString(results, json.append("]").toString());
        RegionImport.run(Transactions.over(f.db), "imported", results, null, "import:cars.json");

        JobRecord job = CleaningJob.run(Transactions.over(f.db), new CleaningRequest("imported", null, TestModels.folder("embedder"),
                List.of("car"), 1, 0.1, 2, 7, null, null, 5), "test", JobListener.NONE);
        assertThat(job.counts().path("regions_embedded").asLong()).isEqualTo(12);
        assertThat(job.counts().path("categories_clustered").asLong()).isEqualTo(1);
        assertThat(f.count("SELECT count(*) FROM region WHERE outlier_percentile IS NOT NULL")).isEqualTo(12);
        // floor(0.1 × 12) = 1 outlier region, so one car tag is flagged, none for lacking a region
        assertThat(f.rows("SELECT flag_rule FROM tag_assignment WHERE state = 1")).containsExactly("0");
    }

    private static int[] size(Path file) throws Exception {
        var image = javax.imageio.ImageIO.read(file.toFile());
        return new int[] {image.getWidth(), image.getHeight()};
    }
}
