package io.tagforge.engine.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagforge.labelsystem.ramformat.TagListImport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * COCO-MINI in the database the way ingest and the parse job leave it: RAM's 4585 tags imported as tags and a
 * release (label-system's TagListImport), the 159 images with their real captions, and per caption the tags whose names (or singulars) occur in it as
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
        new TagListImport(db, "test").importRam(shared.resolve("ram"), releaseName);
        CocoMiniFixture f = new CocoMiniFixture(Files.readAllLines(shared.resolve("ram/ram_tag_list.txt")));
        f.readCaptions(shared.resolve("datasets/coco-mini"));
        f.parse();
        f.review();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            f.insert(c, dataset, f.tagIds(c, releaseName));
            c.commit();
        }
        return f;
    }

    private int[] tagIds(Connection c, String releaseName) throws SQLException {
        int[] ids = new int[release.size()];
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT idx, tag_id FROM release_tag "
                + "JOIN release r ON r.id = release_id WHERE r.name = '" + releaseName + "'")) {
            while (rs.next()) {
                ids[rs.getInt(1)] = rs.getInt(2);
            }
        }
        return ids;
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

    private void insert(Connection c, String dataset, int[] tagIds) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("INSERT INTO dataset (id, name, format) VALUES (1, '" + dataset + "', 'coco')");
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
                ps.setInt(2, tagIds[a.idx]);
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
            for (String table : List.of("dataset", "image", "caption")) {
                st.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), (SELECT max(id) FROM " + table
                        + "))");
            }
        }
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
