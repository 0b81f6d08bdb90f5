package io.tagforge.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagforge.labelsystem.database.TestDatabase;
import io.tagforge.engine.ingest.IngestFormat;
import io.tagforge.engine.ingest.IngestRequest;
import io.tagforge.engine.ingest.Ingester;
import io.tagforge.engine.job.JobListener;
import io.tagforge.engine.parse.ParseDatasetJob;
import io.tagforge.labelsystem.ramformat.TagListImport;
import io.tagforge.labelsystem.transaction.Transactions;
import io.tagforge.labelsystem.release.ReleaseEntry;
import io.tagforge.labelsystem.release.Releases;
import io.tagforge.labelsystem.shareddata.SharedData;
import io.tagforge.labelsystem.vocabulary.DatabaseVocabulary;
import io.tagforge.labelsystem.vocabulary.LookupOptions;
import io.tagforge.labelsystem.wordnet.WordNet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * COCO-MINI ({@code <shared>/datasets/coco-mini}, found by {@link SharedData}) in the test database: the one
 * fixture engine and UI tests load it with, shared through engine-jobs' test-jar. It comes in two states:
 * <ul>
 * <li>{@link #load()}, real review work: train2017 (80 images, their captions and 739 instance boxes) as dataset
 * coco-mini, each category a tag, the boxes as regions; a region's distance is how far its log-area lies from its
 * category's median, and an image-tag pair whose region is in the top tenth of its category is FLAGGED
 * (OUTLIER_REGION) with that evidence, as a pair (tag_pair) of a MODEL row and a PARSED_ORIGINAL row for each
 * caption that names the category. Users: anna and ben (ANNOTATOR), cora (CURATOR), root (all roles), password
 * {@value #PASSWORD}.</li>
 * <li>{@link #parsed}, through the real front of the pipeline: RAM's three tag lists imported as tags and a
 * release (TagListImport), the 159 images with their 5 captions each ingested (a path-TAB-caption file, so that
 * train2017 and val2017 form one dataset), then the parse job (CoreNLP caption parser, database vocabulary)
 * writing PARSED_ORIGINAL assignments. Review then decides three things on three images: one tag rejected, one
 * flagged, one model tag added.</li>
 * </ul>
 */
public final class CocoMiniFixture {

    public static final String PASSWORD = "password-123";
    private static final int MIN_REGIONS_FOR_OUTLIERS = 5;

    public final int datasetId;
    public final Path root;
    private final JdbcClient jdbc;
    private final DataSource db;
    // the parsed state's release and its three review decisions
    private int releaseId;
    private List<String> release;
    private String rejectedImage;
    private String flaggedImage;
    private String modelImage;
    private int rejectedTag;
    private int flaggedTag;
    private int modelTag;

    private CocoMiniFixture(DataSource db, int datasetId, Path root) {
        this.db = db;
        this.jdbc = JdbcClient.create(db);
        this.datasetId = datasetId;
        this.root = root;
    }

    /** The COCO-MINI folder. */
    public static Path cocoMini() {
        return SharedData.dir().resolve("datasets/coco-mini");
    }

    private static CocoMiniFixture loaded;

    /**
     * The review state in its initial form: loaded once per test JVM (into an emptied database), later reset: every
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
        Path root = cocoMini().toAbsolutePath().normalize();
        int dataset = jdbc.sql("INSERT INTO dataset (name, image_root, format) VALUES ('coco-mini', ?, 'coco') RETURNING id")
                .param(root.toString()).query(Integer.class).single();
        try {
            new Loader(jdbc, dataset).load(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CocoMiniFixture(TestDatabase.dataSource(), dataset, root);
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
        try (Connection c = db.getConnection()) {
            if (Releases.find(c, name).isPresent()) {
                return;
            }
            List<ReleaseEntry> entries = new ArrayList<>();
            for (var tag : jdbc.sql("SELECT id, name, threshold FROM tag ORDER BY id").query().listOfRows()) {
                entries.add(new ReleaseEntry(entries.size(), (Integer) tag.get("id"), (String) tag.get("name"), null,
                        (Float) tag.get("threshold"), null));
            }
            Releases.insert(c, name, null, "test", "all COCO categories", entries);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public JdbcClient jdbc() {
        return jdbc;
    }


    /** The parsed state, as dataset {@code dataset} with release {@code releaseName}; {@code work} takes a file. */
    public static CocoMiniFixture parsed(DataSource db, Path work, String dataset, String releaseName)
            throws Exception {
        Path ram = SharedData.dir().resolve("ram");
        int releaseId = new TagListImport(Transactions.over(db), "test").importRam(ram, releaseName).release().id();
        Path cocoMini = cocoMini().toAbsolutePath().normalize();
        Path tsv = work.resolve("coco-mini.tsv");
        List<String> paths = writeTsv(cocoMini, tsv);
        new Ingester(Transactions.over(db)).ingest(new IngestRequest(IngestFormat.TSV, tsv, dataset, cocoMini, true, null),
                JobListener.NONE);
        int datasetId = JdbcClient.create(db).sql("SELECT id FROM dataset WHERE name = ?").param(dataset)
                .query(Integer.class).single();
        CocoMiniFixture f = new CocoMiniFixture(db, datasetId, cocoMini);
        f.releaseId = releaseId;
        f.release = Files.readAllLines(ram.resolve("ram_tag_list.txt"));
        f.parse(dataset);
        f.review(paths);
        return f;
    }

    /** Both splits' captions as {@code split/file<TAB>caption} (a caption's line breaks as spaces), images in order. */
    private static List<String> writeTsv(Path cocoMini, Path tsv) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, List<String>> captions = new TreeMap<>();
        for (String split : List.of("train2017", "val2017")) {
            JsonNode root = json.readTree(cocoMini.resolve("annotations/captions_" + split + ".json").toFile());
            Map<Long, String> files = new HashMap<>();
            root.get("images").forEach(i -> files.put(i.get("id").asLong(), split + "/" + i.get("file_name").asText()));
            root.get("annotations").forEach(a -> captions.computeIfAbsent(files.get(a.get("image_id").asLong()),
                    k -> new ArrayList<>()).add(a.get("caption").asText().strip().replaceAll("\\s+", " ")));
        }
        List<String> lines = new ArrayList<>();
        captions.forEach((path, texts) -> texts.forEach(t -> lines.add(path + "\t" + t)));
        Files.write(tsv, lines);
        return new ArrayList<>(captions.keySet());
    }

    private void parse(String dataset) throws Exception {
        try (WordNet wordNet = WordNet.open()) {
            new ParseDatasetJob(dataset, DatabaseVocabulary.load(db, wordNet, LookupOptions.defaults()), 2, 200)
                    .run(Transactions.over(db), "test", JobListener.NONE);
        }
    }

    /** Rejects the first image's lowest-ID tag, flags the second's, gives the third a model tag it lacks. */
    private void review(List<String> paths) throws SQLException {
        rejectedImage = paths.get(0);
        rejectedTag = expectedUnion(rejectedImage, true).get(0);
        flaggedImage = paths.get(1);
        flaggedTag = expectedUnion(flaggedImage, true).get(0);
        modelImage = paths.get(2);
        List<Integer> present = expectedUnion(modelImage, true);
        modelTag = 0;
        while (present.contains(modelTag)) {
            modelTag++;
        }
        // the pair decides, as review leaves it: the pair's state, its rows alike
        for (String pair : List.of(imageId(rejectedImage) + ", " + tagId(rejectedTag) + ", 3",
                imageId(flaggedImage) + ", " + tagId(flaggedTag) + ", 1")) {
            update("INSERT INTO tag_pair (dataset_id, image_id, tag_id, state, flag_rule) SELECT dataset_id, v.* "
                    + "FROM (VALUES (" + pair + ", 0)) v (image_id, tag_id, state, flag_rule) JOIN image i ON i.id = v.image_id");
        }
        update("UPDATE tag_assignment a SET state = p.state, flag_rule = p.flag_rule FROM tag_pair p "
                + "WHERE a.image_id = p.image_id AND a.tag_id = p.tag_id");
        update("INSERT INTO tag_assignment (image_id, dataset_id, tag_id, source, state, score) SELECT id, dataset_id, "
                + tagId(modelTag) + ", 2, 2, 0.9 FROM image WHERE id = " + imageId(modelImage));
    }

    /** The parsed state's release tags, in training-ID order. */
    public List<String> release() {
        return release;
    }

    /** The image's captions in the order the export must keep: caption id. */
    public List<String> captions(String path) throws SQLException {
        return strings("SELECT text FROM caption WHERE image_id = " + imageId(path) + " ORDER BY id");
    }

    /** Training IDs of the image's reviewed tags, straight from the tables. */
    public List<Integer> expectedUnion(String path, boolean withFlagged) throws SQLException {
        return ids(path, "", withFlagged);
    }

    /** Training IDs parsed from the image's {@code caption}-th caption (by caption id). */
    public List<Integer> expectedParse(String path, int caption, boolean withFlagged) throws SQLException {
        return ids(path, " AND a.caption_id = (SELECT id FROM caption WHERE image_id = a.image_id ORDER BY id "
                + "OFFSET " + caption + " LIMIT 1)", withFlagged);
    }

    private List<Integer> ids(String path, String condition, boolean withFlagged) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        for (String id : strings("SELECT DISTINCT rt.idx FROM tag_assignment a JOIN release_tag rt ON rt.tag_id = "
                + "a.tag_id AND rt.release_id = " + releaseId + " WHERE a.image_id = " + imageId(path)
                + " AND a.state IN (0, 2" + (withFlagged ? ", 1" : "") + ")" + condition + " ORDER BY rt.idx")) {
            ids.add(Integer.parseInt(id));
        }
        return ids;
    }

    private long imageId(String path) throws SQLException {
        return Long.parseLong(strings("SELECT id FROM image WHERE path = '" + path + "'").get(0));
    }

    private int tagId(int idx) throws SQLException {
        return Integer.parseInt(strings("SELECT tag_id FROM release_tag WHERE release_id = " + releaseId
                + " AND idx = " + idx).get(0));
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private void update(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }

    public String rejectedImage() {
        return rejectedImage;
    }

    public int rejectedTagId() {
        return rejectedTag;
    }

    public String flaggedImage() {
        return flaggedImage;
    }

    public int flaggedTagId() {
        return flaggedTag;
    }

    public String modelImage() {
        return modelImage;
    }

    public int modelTagId() {
        return modelTag;
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
