package io.tagforge.engine.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagforge.engine.ingest.IngestFormat;
import io.tagforge.engine.ingest.IngestRequest;
import io.tagforge.engine.ingest.Ingester;
import io.tagforge.engine.job.JobListener;
import io.tagforge.engine.parse.ParseDatasetJob;
import io.tagforge.labelsystem.ramformat.TagListImport;
import io.tagforge.labelsystem.transaction.Transactions;
import io.tagforge.labelsystem.vocabulary.DatabaseVocabulary;
import io.tagforge.labelsystem.vocabulary.LookupOptions;
import io.tagforge.labelsystem.wordnet.WordNet;
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
import javax.sql.DataSource;

/**
 * COCO-MINI in the database through the real front of the pipeline: RAM's three tag lists imported as tags and a
 * release (TagListImport), the 159 images with their 5 captions each ingested (a path-TAB-caption file, so that
 * train2017 and val2017 form one dataset), then the parse job (CoreNLP caption parser, database vocabulary) writing
 * PARSED_ORIGINAL assignments. Review then decides three things on three images: one tag rejected, one flagged,
 * one model tag added.
 */
public final class CocoMiniFixture {

    private final DataSource db;
    private final int releaseId;
    private final List<String> release;
    private final List<String> paths;
    private String rejectedImage;
    private String flaggedImage;
    private String modelImage;
    private int rejectedTag;
    private int flaggedTag;
    private int modelTag;

    private CocoMiniFixture(DataSource db, int releaseId, List<String> release, List<String> paths) {
        this.db = db;
        this.releaseId = releaseId;
        this.release = release;
        this.paths = paths;
    }

    public static CocoMiniFixture load(DataSource db, Path shared, Path work, String dataset, String releaseName)
            throws Exception {
        int releaseId = new TagListImport(Transactions.over(db), "test").importRam(shared.resolve("ram"), releaseName).release().id();
        Path cocoMini = shared.resolve("datasets/coco-mini");
        Path tsv = work.resolve("coco-mini.tsv");
        List<String> paths = writeTsv(cocoMini, tsv);
        new Ingester(Transactions.over(db)).ingest(new IngestRequest(IngestFormat.TSV, tsv, dataset, cocoMini, true, null),
                JobListener.NONE);
        CocoMiniFixture f = new CocoMiniFixture(db, releaseId,
                Files.readAllLines(shared.resolve("ram/ram_tag_list.txt")), paths);
        f.parse(dataset);
        f.review();
        return f;
    }

    /** Both splits' captions as {@code split/file<TAB>caption} (a caption's line breaks as spaces), images in order. */
    private static List<String> writeTsv(Path cocoMini, Path tsv) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, List<String>> captions = new java.util.TreeMap<>();
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
    private void review() throws SQLException {
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

    List<String> release() {
        return release;
    }

    /** The image's captions in the order the export must keep: caption id. */
    List<String> captions(String path) throws SQLException {
        return strings("SELECT text FROM caption WHERE image_id = " + imageId(path) + " ORDER BY id");
    }

    /** Training IDs of the image's reviewed tags, straight from the tables. */
    List<Integer> expectedUnion(String path, boolean withFlagged) throws SQLException {
        return ids(path, "", withFlagged);
    }

    /** Training IDs parsed from the image's {@code caption}-th caption (by caption id). */
    List<Integer> expectedParse(String path, int caption, boolean withFlagged) throws SQLException {
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

    String rejectedImage() {
        return rejectedImage;
    }

    int rejectedTagId() {
        return rejectedTag;
    }

    String flaggedImage() {
        return flaggedImage;
    }

    int flaggedTagId() {
        return flaggedTag;
    }

    String modelImage() {
        return modelImage;
    }

    int modelTagId() {
        return modelTag;
    }
}
