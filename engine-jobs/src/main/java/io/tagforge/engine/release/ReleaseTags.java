package io.tagforge.engine.release;

import io.tagforge.labelsystem.error.TagforgeException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A release's tags in index order (the ID space a tagger's outputs follow) with their class thresholds. */
public record ReleaseTags(int releaseId, String name, int[] tagIds, float[] thresholds, List<String> names) {

    public static ReleaseTags load(Connection c, String name) throws SQLException {
        int releaseId;
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM release WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new TagforgeException("release: no release named \"" + name + "\"");
                }
                releaseId = rs.getInt(1);
            }
        }
        List<Integer> ids = new ArrayList<>();
        List<Float> thresholds = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT idx, tag_id, threshold, name FROM release_tag WHERE release_id = ? ORDER BY idx")) {
            ps.setInt(1, releaseId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getInt(1) != ids.size()) {
                        throw new TagforgeException("release " + name + ": index " + ids.size() + " is missing");
                    }
                    ids.add(rs.getInt(2));
                    thresholds.add(rs.getFloat(3));
                    names.add(rs.getString(4));
                }
            }
        }
        int[] tagIds = ids.stream().mapToInt(Integer::intValue).toArray();
        float[] t = new float[thresholds.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = thresholds.get(i);
        }
        return new ReleaseTags(releaseId, name, tagIds, t, List.copyOf(names));
    }

    /** A tagger's outputs are this release's tags only if there are as many; else a {@link TagforgeException}. */
    public void requireOutputs(int outputs, Path model) {
        if (outputs != size()) {
            throw new TagforgeException(model + ": the tagger gives " + outputs + " probabilities per image, release "
                    + name + " has " + size() + " tags");
        }
    }

    public int size() {
        return tagIds.length;
    }
}
