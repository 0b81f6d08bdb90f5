package io.tagforge.labelsystem.curation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** audit_log rows of curation operations: who, when, what, the state before and after, and what undid it. */
final class AuditTrail {

    /** one recorded operation, as undo needs it */
    record Recorded(long id, String action, String entityType, String entityId, String before, String after,
                    Long undoneBy) {
    }

    private AuditTrail() {
    }

    static long record(Connection c, String actor, String action, String entityType, Object entityId, String before,
                       String after) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (actor, action, entity_type, entity_id, "
                + "before, after) VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb) RETURNING id")) {
            ps.setString(1, actor);
            ps.setString(2, action);
            ps.setString(3, entityType);
            ps.setString(4, String.valueOf(entityId));
            ps.setString(5, before);
            ps.setString(6, after);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static void setAfter(Connection c, long id, String after) throws SQLException {
        TagRecord.update(c, "UPDATE audit_log SET after = ?::jsonb WHERE id = ?", after, id);
    }

    /** Locks and reads an entry. */
    static Recorded lock(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, action, entity_type, entity_id, before::text, "
                + "after::text, undone_by FROM audit_log WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new CurationException("no audit entry " + id);
                }
                return new Recorded(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), (Long) rs.getObject(7));
            }
        }
    }

    static void markUndone(Connection c, long id, long undoId) throws SQLException {
        TagRecord.update(c, "UPDATE audit_log SET undone_by = ? WHERE id = ?", undoId, id);
    }
}
