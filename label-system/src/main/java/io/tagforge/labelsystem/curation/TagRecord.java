package io.tagforge.labelsystem.curation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The JDBC side of curation: undo putting a tag back as its snapshot (TagEntity#snapshot) has it, version
 * included, and the small statements of the bulk steps.
 */
final class TagRecord {

    private TagRecord() {
    }

    /**
     * Puts the tag's fields, names and version back as {@code snapshot} has them. The version goes back too:
     * the tag is exactly as it was at that version, so a curator who read it then may edit it again, and the
     * change before can be undone next.
     */
    static void restore(Connection c, int tagId, String snapshot) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE tag t SET name = s->>'name', kind = (s->>'kind')::int2, threshold = (s->>'threshold')::real,
                    description = s->>'description', deprecated = (s->>'deprecated')::boolean,
                    merged_into = (s->>'merged_into')::int, version = (s->>'version')::int,
                    detectable = (s->>'detectable')::boolean, updated_at = now()
                FROM (SELECT ?::jsonb AS s) x WHERE t.id = ?""")) {
            ps.setString(1, snapshot);
            ps.setInt(2, tagId);
            ps.executeUpdate();
        }
        update(c, "DELETE FROM tag_name WHERE tag_id = ?", tagId);
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO tag_name (tag_id, form, language, source)
                SELECT ?, e->>'form', e->>'language', (e->>'source')::int2
                FROM jsonb_array_elements(?::jsonb->'names') e""")) {
            ps.setInt(1, tagId);
            ps.setString(2, snapshot);
            ps.executeUpdate();
        }
    }

    static boolean exists(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            return ps.executeUpdate();
        }
    }
}
