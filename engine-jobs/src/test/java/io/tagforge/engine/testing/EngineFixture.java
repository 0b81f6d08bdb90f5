package io.tagforge.engine.testing;

import io.tagforge.labelsystem.database.TestDatabase;
import io.tagforge.engine.model.TestModels;
import io.tagforge.labelsystem.tag.TagKind;
import io.tagforge.labelsystem.vocabulary.MatchRule;
import io.tagforge.labelsystem.vocabulary.TagMatch;
import io.tagforge.labelsystem.vocabulary.Vocabulary;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A fresh database with the tags the tiny models speak of, the release "tiny-colours" (the tagger's six
 * outputs, thresholds 0.5) and a dataset of COCO-MINI val2017 images.
 */
public final class EngineFixture {

    public static final List<String> RELEASE_TAGS = List.of("red", "green", "blue", "bright", "dark", "textured");
    public static final List<String> OBJECT_TAGS = List.of("car", "field", "sky", "tree", "water", "street");

    public final DataSource db = TestDatabase.dataSource();
    public final Map<String, Integer> tags = new LinkedHashMap<>();
    public final List<Long> images = new ArrayList<>();
    public final List<Path> files;
    public int datasetId;

    public EngineFixture(String dataset, int imageCount) throws SQLException {
        TestDatabase.get().truncateAll();
        files = TestModels.cocoImages(imageCount);
        try (Connection c = db.getConnection()) {
            for (String name : RELEASE_TAGS) {
                tags.put(name, insertTag(c, name, 1));
            }
            for (String name : OBJECT_TAGS) {
                tags.put(name, insertTag(c, name, 0));
            }
            release(c, "tiny-colours", RELEASE_TAGS);
            datasetId = (int) single(c, "INSERT INTO dataset (name, image_root, format) VALUES ('" + dataset + "', '"
                    + TestModels.COCO_VAL + "', 'coco') RETURNING id");
            for (Path file : files) {
                images.add(addImage(c, file.getFileName().toString()));
            }
        }
    }

    /** An image row of the dataset (a path relative to COCO val2017, or absolute). */
    public long addImage(Connection c, String path) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO image (dataset_id, path) VALUES (?, ?) RETURNING id")) {
            ps.setInt(1, datasetId);
            ps.setString(2, path);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public void release(Connection c, String name, List<String> tagNames) throws SQLException {
        long id = single(c, "INSERT INTO release (name) VALUES ('" + name + "') RETURNING id");
        for (int i = 0; i < tagNames.size(); i++) {
            exec(c, "INSERT INTO release_tag (release_id, idx, tag_id, name, threshold) VALUES (" + id + ", " + i + ", "
                    + tags.get(tagNames.get(i)) + ", '" + tagNames.get(i) + "', 0.5)");
        }
    }

    /** Looks the fixture's tags up by their names, as the label system's vocabulary would. */
    public Vocabulary vocabulary() {
        return new Vocabulary() {
            @Override
            public List<TagMatch> resolve(String surface) {
                Integer id = tags.get(surface.toLowerCase(Locale.ROOT));
                return id == null ? List.of()
                        : List.of(new TagMatch(id, surface.toLowerCase(Locale.ROOT), TagKind.OBJECT_SCENE, MatchRule.EXACT));
            }

            @Override
            public int maxNameWords() {
                return 1;
            }
        };
    }

    /** Every row the query returns, its columns joined by '|'. */
    public List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    public long count(String sql) throws SQLException {
        try (Connection c = db.getConnection()) {
            return single(c, sql);
        }
    }

    public void exec(String sql) throws SQLException {
        try (Connection c = db.getConnection()) {
            exec(c, sql);
        }
    }

    private static int insertTag(Connection c, String name, int kind) throws SQLException {
        return (int) single(c, "INSERT INTO tag (name, kind) VALUES ('" + name + "', " + kind + ") RETURNING id");
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
