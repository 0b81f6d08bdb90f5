package io.tagforge.labelsystem.curation;

import io.tagforge.labelsystem.tag.Tag;
import io.tagforge.labelsystem.tag.Tags;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One tag inside a curation transaction: locked, checked against the version the curator saw, and snapshotted
 * (row and names as JSON) for the audit log and for undo, which restores a snapshot.
 */
final class TagRecord {

    private static final String SNAPSHOT = """
            SELECT jsonb_build_object('id', t.id, 'name', t.name, 'kind', t.kind, 'threshold', t.threshold,
                'description', t.description, 'deprecated', t.deprecated, 'merged_into', t.merged_into,
                'version', t.version, 'detectable', t.detectable,
                'names', coalesce((SELECT jsonb_agg(jsonb_build_object('form', n.form, 'language', n.language,
                    'source', n.source) ORDER BY n.id) FROM tag_name n WHERE n.tag_id = t.id), '[]'::jsonb))::text
            FROM tag t WHERE t.id = ?""";

    private TagRecord() {
    }

    /** Locks the tag row; fails when it is missing or its version is not {@code expectedVersion}. */
    static Tag lock(Connection c, int tagId, int expectedVersion) throws SQLException {
        Tag tag = lock(c, tagId);
        if (tag.version() != expectedVersion) {
            throw ConcurrentEditException.tag(tagId, tag.name(), tag.version(), expectedVersion);
        }
        return tag;
    }

    static Tag lock(Connection c, int tagId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM tag WHERE id = ? FOR UPDATE")) {
            ps.setInt(1, tagId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new CurationException("no tag with id " + tagId);
                }
            }
        }
        return Tags.find(c, tagId).orElseThrow();
    }

    static String snapshot(Connection c, int tagId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SNAPSHOT)) {
            ps.setInt(1, tagId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** Counts a change: raises the version and the update time. */
    static void touch(Connection c, int tagId) throws SQLException {
        update(c, "UPDATE tag SET version = version + 1, updated_at = now() WHERE id = ?", tagId);
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
