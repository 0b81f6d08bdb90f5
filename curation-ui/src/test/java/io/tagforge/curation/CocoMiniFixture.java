package io.tagforge.curation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagforge.labelsystem.database.TestDatabase;
import io.tagforge.labelsystem.release.ReleaseEntry;
import io.tagforge.labelsystem.release.Releases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Real review work for tests: COCO-MINI train2017 (80 images, their captions and 739 instance boxes) as dataset
 * coco-mini, each category a tag, the boxes as regions; a region's distance is how far its log-area lies from
 * its category's median, and an image-tag pair whose region is in the top tenth of its category is FLAGGED
 * (OUTLIER_REGION) with that evidence, as a pair (tag_pair) of a MODEL row and a PARSED_ORIGINAL row for each
 * caption that names the category. Users: anna and ben (ANNOTATOR), cora (CURATOR), root (all roles),
 * password {@value #PASSWORD}.
 */
public final class CocoMiniFixture {

    public static final String PASSWORD = "password-123";
    private static final int MIN_REGIONS_FOR_OUTLIERS = 5;

    public final int datasetId;
    public final Path root;
    private final JdbcClient jdbc;

    private CocoMiniFixture(JdbcClient jdbc, int datasetId, Path root) {
        this.jdbc = jdbc;
        this.datasetId = datasetId;
        this.root = root;
    }

    public static Path cocoMini() {
        String shared = System.getenv("TAGFORGE_SHARED");
        Path dir = (shared != null ? Path.of(shared) : Path.of("../../shared")).resolve("datasets/coco-mini");
        return dir.toAbsolutePath().normalize();
    }

    private static CocoMiniFixture loaded;

    /**
     * The fixture in its initial state: loaded once per test JVM (into an emptied database), later reset: every
     * decision, lease and score undone, datasets other tests added dropped.
     */
    public static synchronized CocoMiniFixture load() {
        if (loaded == null) {
            loaded = loadFresh();
        } else {
            loaded.reset();
        }
        return loaded;
    }

    private void reset() {
        jdbc.sql("DELETE FROM pair_decision").update();
        jdbc.sql("DELETE FROM pair_lease").update();
        jdbc.sql("UPDATE tag_pair SET state = 1, bulk_id = NULL, rechecked = false, score = NULL").update();
        jdbc.sql("DELETE FROM bulk_decision").update();
        jdbc.sql("DELETE FROM dataset WHERE id <> ?").param(datasetId).update();
        jdbc.sql("UPDATE tag_assignment SET score = NULL, state = CASE WHEN flag_rule IS NULL THEN 0 ELSE 1 END").update();
    }

    private static CocoMiniFixture loadFresh() {
        TestDatabase.get().truncateAll();
        JdbcClient jdbc = JdbcClient.create(TestDatabase.dataSource());
        String hash = new BCryptPasswordEncoder(4).encode(PASSWORD);
        user(jdbc, "anna", hash, "ANNOTATOR");
        user(jdbc, "ben", hash, "ANNOTATOR");
        user(jdbc, "cora", hash, "CURATOR");
        user(jdbc, "root", hash, "ADMIN", "CURATOR", "ANNOTATOR");
        Path root = cocoMini();
        int dataset = jdbc.sql("INSERT INTO dataset (name, image_root, format) VALUES ('coco-mini', ?, 'coco') RETURNING id")
                .param(root.toString()).query(Integer.class).single();
        try {
            new Loader(jdbc, dataset).load(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CocoMiniFixture(jdbc, dataset, root);
    }

    public static int user(JdbcClient jdbc, String name, String hash, String... roles) {
        int id = jdbc.sql("INSERT INTO app_user (username, password_hash) VALUES (?, ?) RETURNING id")
                .params(name, hash).query(Integer.class).single();
        for (String role : roles) {
            jdbc.sql("INSERT INTO user_role (user_id, role) VALUES (?, ?)").params(id, role).update();
        }
        return id;
    }

    /** The flagged pairs in queue order. */
    public List<Long> flaggedIds() {
        return jdbc.sql("SELECT id FROM tag_pair WHERE state = 1 ORDER BY id").query(Long.class).list();
    }

    public short state(long pairId) {
        return jdbc.sql("SELECT state FROM tag_pair WHERE id = ?").param(pairId).query(Short.class).single();
    }

    /** The states of the pair's assignment rows. */
    public List<Short> rowStates(long pairId) {
        return jdbc.sql("""
                        SELECT a.state FROM tag_assignment a JOIN tag_pair p ON p.image_id = a.image_id AND p.tag_id = a.tag_id
                         WHERE p.id = ? ORDER BY a.id""").param(pairId).query(Short.class).list();
    }

    /** The pair's image path and tag name. */
    public Map<String, Object> pair(long pairId) {
        return jdbc.sql("""
                        SELECT i.path, t.name, p.image_id, p.tag_id FROM tag_pair p JOIN image i ON i.id = p.image_id
                          JOIN tag t ON t.id = p.tag_id WHERE p.id = ?""").param(pairId).query().singleRow();
    }

    /** A release of every tag, in id order, unless it exists. */
    public void release(String name) {
        try (java.sql.Connection c = TestDatabase.dataSource().getConnection()) {
            if (Releases.find(c, name).isPresent()) {
                return;
            }
            List<ReleaseEntry> entries = new java.util.ArrayList<>();
            for (var tag : jdbc.sql("SELECT id, name, threshold FROM tag ORDER BY id").query().listOfRows()) {
                entries.add(new ReleaseEntry(entries.size(), (Integer) tag.get("id"), (String) tag.get("name"), null,
                        (Float) tag.get("threshold"), null));
            }
            Releases.insert(c, name, null, "test", "all COCO categories", entries);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    private record Loader(JdbcClient jdbc, int dataset) {

        void load(Path root) throws IOException {
            ObjectMapper json = new ObjectMapper();
            JsonNode instances = json.readTree(root.resolve("annotations/instances_train2017.json").toFile());
            JsonNode captions = json.readTree(root.resolve("annotations/captions_train2017.json").toFile());
            Map<Long, Long> imageIds = new HashMap<>();
            Map<Long, double[]> sizes = new HashMap<>();
            for (JsonNode img : instances.get("images")) {
                String path = "train2017/" + img.get("file_name").asText();
                if (!Files.exists(root.resolve(path))) {
                    continue;
                }
                long id = jdbc.sql("""
                                INSERT INTO image (dataset_id, path, external_id, width, height)
                                VALUES (?, ?, ?, ?, ?) RETURNING id""")
                        .params(dataset, path, img.get("id").asText(), img.get("width").asInt(), img.get("height").asInt())
                        .query(Long.class).single();
                imageIds.put(img.get("id").asLong(), id);
                sizes.put(img.get("id").asLong(), new double[] {img.get("width").asDouble(), img.get("height").asDouble()});
            }
            for (JsonNode c : captions.get("annotations")) {
                Long image = imageIds.get(c.get("image_id").asLong());
                if (image != null) {
                    jdbc.sql("INSERT INTO caption (image_id, origin, text) VALUES (?, 0, ?) ON CONFLICT DO NOTHING")
                            .params(image, c.get("caption").asText().strip()).update();
                }
            }
            Map<Long, Integer> tags = new HashMap<>();
            for (JsonNode cat : instances.get("categories")) {
                tags.put(cat.get("id").asLong(), jdbc.sql("INSERT INTO tag (name) VALUES (?) RETURNING id")
                        .param(cat.get("name").asText()).query(Integer.class).single());
            }
            for (JsonNode a : instances.get("annotations")) {
                Long image = imageIds.get(a.get("image_id").asLong());
                if (image == null) {
                    continue;
                }
                double[] wh = sizes.get(a.get("image_id").asLong());
                JsonNode b = a.get("bbox");
                double x1 = clamp(b.get(0).asDouble() / wh[0]), y1 = clamp(b.get(1).asDouble() / wh[1]);
                double x2 = clamp((b.get(0).asDouble() + b.get(2).asDouble()) / wh[0]);
                double y2 = clamp((b.get(1).asDouble() + b.get(3).asDouble()) / wh[1]);
                jdbc.sql("""
                                INSERT INTO region (image_id, tag_id, x1, y1, x2, y2, score, source, cluster)
                                VALUES (?, ?, ?, ?, ?, ?, 1, 'coco-instances', 0)""")
                        .params(image, tags.get(a.get("category_id").asLong()), x1, y1, x2, y2).update();
            }
            scoreOutliers();
            assign();
        }

        /** distance = |log area − the category's median log area|; percentile = rank of that distance. */
        private void scoreOutliers() {
            jdbc.sql("""
                    WITH a AS (
                      SELECT id, tag_id, ln(greatest((x2 - x1) * (y2 - y1), 1e-6)) AS la FROM region),
                    m AS (
                      SELECT tag_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY la) AS med, count(*) AS n
                        FROM a GROUP BY tag_id),
                    d AS (
                      SELECT a.id, abs(a.la - m.med) AS dist, m.n,
                             percent_rank() OVER (PARTITION BY a.tag_id ORDER BY abs(a.la - m.med)) * 100 AS pct
                        FROM a JOIN m USING (tag_id))
                    UPDATE region r SET distance = d.dist,
                           outlier_percentile = CASE WHEN d.n >= ? THEN d.pct END
                      FROM d WHERE d.id = r.id""").param(MIN_REGIONS_FOR_OUTLIERS).update();
        }

        private void assign() {
            jdbc.sql("""
                    INSERT INTO tag_assignment (image_id, dataset_id, tag_id, source, state, flag_rule)
                    SELECT r.image_id, ?, r.tag_id, 2,
                           CASE WHEN max(r.outlier_percentile) >= 90 THEN 1 ELSE 0 END,
                           CASE WHEN max(r.outlier_percentile) >= 90 THEN 0 END
                      FROM region r GROUP BY r.image_id, r.tag_id ORDER BY r.image_id, r.tag_id""")
                    .param(dataset).update();
            // the captions naming a flagged pair's category: its parsed rows
            jdbc.sql("""
                    INSERT INTO tag_assignment (image_id, dataset_id, tag_id, caption_id, source, state, flag_rule)
                    SELECT ta.image_id, ta.dataset_id, ta.tag_id, c.id, 0, 1, 0
                      FROM tag_assignment ta JOIN tag t ON t.id = ta.tag_id JOIN caption c ON c.image_id = ta.image_id
                     WHERE ta.state = 1 AND c.text ~* ('\\m' || t.name || 's?\\M')""").update();
            jdbc.sql("""
                    INSERT INTO flag_evidence (assignment_id, evidence)
                    SELECT ta.id, jsonb_build_object('distance_percentile', round(max(r.outlier_percentile)::numeric, 1),
                                                     'distance', round(max(r.distance)::numeric, 3),
                                                     'cluster', 0, 'regions_of_tag', count(*))
                      FROM tag_assignment ta JOIN region r ON r.image_id = ta.image_id AND r.tag_id = ta.tag_id
                     WHERE ta.state = 1 GROUP BY ta.id""").update();
            jdbc.sql("""
                    INSERT INTO tag_pair (dataset_id, image_id, tag_id, state, flag_rule, percentile)
                    SELECT ta.dataset_id, ta.image_id, ta.tag_id, 1, 0, max(r.outlier_percentile)
                      FROM tag_assignment ta JOIN region r ON r.image_id = ta.image_id AND r.tag_id = ta.tag_id
                     WHERE ta.state = 1 AND ta.source = 2 GROUP BY ta.dataset_id, ta.image_id, ta.tag_id
                     ORDER BY ta.image_id, ta.tag_id""").update();
        }

        private static double clamp(double v) {
            return Math.max(0, Math.min(1, v));
        }
    }
}
