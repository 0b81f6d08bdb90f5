package io.tagforge.engine.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * COCO-MINI in the database the way ingest and the parse job leave it: RAM's 4585 tags as tags and as a release,
 * the 159 images with their real captions, and per caption the tags whose names (or singulars) occur in it as
 * PARSED_ORIGINAL assignments. On top, one rejected tag, one flagged tag and one model tag, each on its own image,
 * so that review and policy have something to decide. The fixture keeps its own account of what it wrote, from
 * which the tests derive each record's expected IDs.
 */
final class CocoMiniFixture {

    private record Assignment(String path, int idx, int source, int caption, int state) {
    }

    private final List<String> release;
    private final Map<String, List<String>> captions = new LinkedHashMap<>();
    private final List<Assignment> assignments = new ArrayList<>();
    private String rejectedImage;
    private String flaggedImage;
    private String modelImage;
    private int rejectedTag;
    private int flaggedTag;
    private int modelTag;

    private CocoMiniFixture(List<String> release) {
        this.release = release;
    }

    static CocoMiniFixture load(DataSource db, Path shared, String dataset, String releaseName)
            throws IOException, SQLException {
        Path ram = shared.resolve("ram");
        List<String> names = Files.readAllLines(ram.resolve("ram_tag_list.txt"));
        List<String> chinese = Files.readAllLines(ram.resolve("ram_tag_list_chinese.txt"));
        List<String> thresholds = Files.readAllLines(ram.resolve("ram_tag_list_threshold.txt"));
        CocoMiniFixture f = new CocoMiniFixture(names);
        f.readCaptions(shared.resolve("datasets/coco-mini"));
        f.parse();
        f.review();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            f.insert(c, dataset, releaseName, chinese, thresholds);
            c.commit();
        }
        return f;
    }

    private void readCaptions(Path cocoMini) throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (String split : List.of("train2017", "val2017")) {
            JsonNode root = json.readTree(cocoMini.resolve("annotations/captions_" + split + ".json").toFile());
            Map<Long, String> files = new HashMap<>();
            root.get("images").forEach(i -> files.put(i.get("id").asLong(), split + "/" + i.get("file_name").asText()));
            List<JsonNode> annotations = new ArrayList<>();
            root.get("annotations").forEach(annotations::add);
            annotations.sort((a, b) -> Long.compare(a.get("id").asLong(), b.get("id").asLong()));
            files.values().stream().sorted().forEach(p -> captions.put(p, new ArrayList<>()));
            for (JsonNode a : annotations) {
                captions.get(files.get(a.get("image_id").asLong())).add(a.get("caption").asText().strip());
            }
        }
    }

    /** Words and word pairs of each caption that are tag names, or are once their plural s is gone. */
    private void parse() {
        Map<String, Integer> byName = new HashMap<>();
        for (int i = release.size() - 1; i >= 0; i--) {
            byName.put(release.get(i).toLowerCase(), i);
        }
        captions.forEach((path, texts) -> {
            for (int c = 0; c < texts.size(); c++) {
                String[] words = texts.get(c).toLowerCase().split("[^a-z]+");
                TreeSet<Integer> found = new TreeSet<>();
                for (int w = 0; w < words.length; w++) {
                    for (String candidate : new String[]{words[w], w + 1 < words.length ? words[w] + " " + words[w + 1] : ""}) {
                        Integer idx = byName.get(candidate);
                        if (idx == null && candidate.endsWith("s")) {
                            idx = byName.get(candidate.substring(0, candidate.length() - 1));
                        }
                        if (idx != null) {
                            found.add(idx);
                        }
                    }
                }
                for (int idx : found) {
                    assignments.add(new Assignment(path, idx, 0, c, 0));
                }
            }
        });
    }

    private void review() {
        List<String> paths = new ArrayList<>(captions.keySet());
        rejectedImage = paths.get(0);
        rejectedTag = firstParsed(rejectedImage);
        flaggedImage = paths.get(1);
        flaggedTag = firstParsed(flaggedImage);
        assignments.replaceAll(a -> a.path.equals(rejectedImage) && a.idx == rejectedTag ? withState(a, 3)
                : a.path.equals(flaggedImage) && a.idx == flaggedTag ? withState(a, 1) : a);
        modelImage = paths.get(2);
        modelTag = 0;
        while (expectedUnion(modelImage, true).contains(modelTag)) {
            modelTag++;
        }
        assignments.add(new Assignment(modelImage, modelTag, 2, -1, 2));
    }

    private static Assignment withState(Assignment a, int state) {
        return new Assignment(a.path, a.idx, a.source, a.caption, state);
    }

    private int firstParsed(String path) {
        return assignments.stream().filter(a -> a.path.equals(path)).mapToInt(Assignment::idx).min().orElseThrow();
    }

    private void insert(Connection c, String dataset, String releaseName, List<String> chinese, List<String> thresholds)
            throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("INSERT INTO dataset (id, name, format) VALUES (1, '" + dataset + "', 'coco')");
            st.execute("INSERT INTO release (id, name) VALUES (1, '" + releaseName + "')");
        }
        try (PreparedStatement tag = c.prepareStatement("INSERT INTO tag (id, name, threshold) VALUES (?, ?, ?)");
             PreparedStatement entry = c.prepareStatement("INSERT INTO release_tag (release_id, idx, tag_id, name, "
                     + "name_zh, threshold) VALUES (1, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < release.size(); i++) {
                float threshold = Float.parseFloat(thresholds.get(i));
                tag.setInt(1, tagId(i));
                tag.setString(2, release.get(i));
                tag.setFloat(3, threshold);
                tag.addBatch();
                entry.setInt(1, i);
                entry.setInt(2, tagId(i));
                entry.setString(3, release.get(i));
                entry.setString(4, chinese.get(i).strip());
                entry.setFloat(5, threshold);
                entry.addBatch();
            }
            tag.executeBatch();
            entry.executeBatch();
        }
        Map<String, Long> imageIds = new HashMap<>();
        Map<String, List<Long>> captionIds = new HashMap<>();
        try (PreparedStatement image = c.prepareStatement("INSERT INTO image (id, dataset_id, path) VALUES (?, 1, ?)");
             PreparedStatement caption = c.prepareStatement(
                     "INSERT INTO caption (id, image_id, origin, text) VALUES (?, ?, 0, ?)")) {
            long captionId = 1000;
            for (String path : captions.keySet()) {
                long imageId = imageIds.size() + 1;
                imageIds.put(path, imageId);
                image.setLong(1, imageId);
                image.setString(2, path);
                image.addBatch();
                List<Long> ids = new ArrayList<>();
                for (String text : captions.get(path)) {
                    ids.add(captionId);
                    caption.setLong(1, captionId++);
                    caption.setLong(2, imageId);
                    caption.setString(3, text);
                    caption.addBatch();
                }
                captionIds.put(path, ids);
            }
            image.executeBatch();
            caption.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tag_assignment (image_id, dataset_id, tag_id, "
                + "caption_id, source, state, flag_rule, score) VALUES (?, 1, ?, ?, ?, ?, ?, ?)")) {
            for (Assignment a : assignments) {
                ps.setLong(1, imageIds.get(a.path));
                ps.setInt(2, tagId(a.idx));
                ps.setObject(3, a.caption < 0 ? null : captionIds.get(a.path).get(a.caption));
                ps.setInt(4, a.source);
                ps.setInt(5, a.state);
                ps.setObject(6, a.state == 1 ? 0 : null);
                ps.setObject(7, a.source == 2 ? 0.9f : null);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (Statement st = c.createStatement()) {
            // the explicit ids above must not collide with rows the code under test adds later
            for (String table : List.of("dataset", "release", "tag", "image", "caption")) {
                st.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), (SELECT max(id) FROM " + table
                        + "))");
            }
        }
    }

    /** Tag ids differ from training IDs on purpose: the export must map one to the other. */
    private static int tagId(int idx) {
        return 10 + idx * 2;
    }

    List<String> release() {
        return release;
    }

    List<String> captions(String path) {
        return captions.get(path);
    }

    List<Integer> expectedUnion(String path, boolean withFlagged) {
        return expected(path, -1, withFlagged);
    }

    List<Integer> expectedParse(String path, int caption, boolean withFlagged) {
        return expected(path, caption, withFlagged);
    }

    private List<Integer> expected(String path, int caption, boolean withFlagged) {
        TreeSet<Integer> ids = new TreeSet<>();
        for (Assignment a : assignments) {
            boolean kept = a.state == 0 || a.state == 2 || (withFlagged && a.state == 1);
            if (a.path.equals(path) && kept && (caption < 0 || a.caption == caption)) {
                ids.add(a.idx);
            }
        }
        return new ArrayList<>(ids);
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
