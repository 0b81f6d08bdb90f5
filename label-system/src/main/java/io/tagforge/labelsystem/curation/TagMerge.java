package io.tagforge.labelsystem.curation;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Merging tag A into tag B and back. A's assignments move to B, except where B already has the same
 * assignment (same image, source and caption): A's copy is dropped, together with its flag evidence and
 * reviews. A's regions and names move too (a name B already has stays with A), and A's reviewed or flagged
 * image–tag pairs (tag_pair) where B has none on that image, so their decisions govern the moved rows; where B
 * has one, B's decides. (A ending deprecated and merged into B is the curation service's, on the tag
 * entities.) Every moved or dropped row is kept in curation_undo_row under the operation's audit entry.
 */
final class TagMerge {

    private TagMerge() {
    }

    /** Moves everything of {@code source} to {@code target}; returns {moved, dropped} assignment counts. */
    static int[] merge(Connection c, long auditId, int source, int target) throws SQLException {
        String duplicates = "FROM tag_assignment a WHERE a.tag_id = ? AND EXISTS (SELECT 1 FROM tag_assignment b "
                + "WHERE b.tag_id = ? AND b.image_id = a.image_id AND b.source = a.source "
                + "AND coalesce(b.caption_id, 0) = coalesce(a.caption_id, 0))";
        TagRecord.update(c, "INSERT INTO curation_undo_row (audit_id, kind, row_id, row) "
                + "SELECT ?, 'dropped_flag_evidence', f.assignment_id, to_jsonb(f) FROM flag_evidence f "
                + "WHERE f.assignment_id IN (SELECT a.id " + duplicates + ")", auditId, source, target);
        TagRecord.update(c, "INSERT INTO curation_undo_row (audit_id, kind, row_id, row) "
                + "SELECT ?, 'dropped_review', r.id, to_jsonb(r) FROM review r "
                + "WHERE r.assignment_id IN (SELECT a.id " + duplicates + ")", auditId, source, target);
        int dropped = TagRecord.update(c, "INSERT INTO curation_undo_row (audit_id, kind, row_id, row) "
                + "SELECT ?, 'dropped_assignment', a.id, to_jsonb(a) " + duplicates, auditId, source, target);
        TagRecord.update(c, "DELETE FROM tag_assignment WHERE id IN (SELECT row_id FROM curation_undo_row "
                + "WHERE audit_id = ? AND kind = 'dropped_assignment')", auditId);
        int moved = TagRecord.update(c, "INSERT INTO curation_undo_row (audit_id, kind, row_id) "
                + "SELECT ?, 'moved_assignment', id FROM tag_assignment WHERE tag_id = ?", auditId, source);
        TagRecord.update(c, "UPDATE tag_assignment SET tag_id = ? WHERE tag_id = ?", target, source);
        TagRecord.update(c, "INSERT INTO curation_undo_row (audit_id, kind, row_id) SELECT ?, 'moved_pair', p.id "
                + "FROM tag_pair p WHERE p.tag_id = ? AND NOT EXISTS (SELECT 1 FROM tag_pair q WHERE q.tag_id = ? "
                + "AND q.image_id = p.image_id)", auditId, source, target);
        TagRecord.update(c, "UPDATE tag_pair SET tag_id = ? WHERE id IN (SELECT row_id FROM curation_undo_row "
                + "WHERE audit_id = ? AND kind = 'moved_pair')", target, auditId);
        TagRecord.update(c, "INSERT INTO curation_undo_row (audit_id, kind, row_id) "
                + "SELECT ?, 'moved_region', id FROM region WHERE tag_id = ?", auditId, source);
        TagRecord.update(c, "UPDATE region SET tag_id = ? WHERE tag_id = ?", target, source);
        TagRecord.update(c, "INSERT INTO curation_undo_row (audit_id, kind, row_id, row) "
                + "SELECT ?, 'moved_name', n.id, to_jsonb(n) FROM tag_name n WHERE n.tag_id = ? AND NOT EXISTS "
                + "(SELECT 1 FROM tag_name m WHERE m.tag_id = ? AND m.form = n.form AND m.language = n.language)",
                auditId, source, target);
        // B keeps its own primary name: A's becomes a manual synonym of B
        TagRecord.update(c, "UPDATE tag_name SET tag_id = ?, source = CASE source WHEN 0 THEN 2 ELSE source END "
                + "WHERE id IN (SELECT row_id FROM curation_undo_row WHERE audit_id = ? AND kind = 'moved_name')",
                target, auditId);
        return new int[] {moved, dropped};
    }

    /**
     * Puts back the assignments and regions {@link #merge} under {@code auditId} moved and dropped; the names
     * come back with the tags' snapshots.
     */
    static void unmerge(Connection c, long auditId, int source, int target) throws SQLException {
        TagRecord.update(c, "UPDATE tag_assignment SET tag_id = ? WHERE tag_id = ? AND id IN (SELECT row_id FROM "
                + "curation_undo_row WHERE audit_id = ? AND kind = 'moved_assignment')", source, target, auditId);
        TagRecord.update(c, "INSERT INTO tag_assignment SELECT (jsonb_populate_record(NULL::tag_assignment, row)).* "
                + "FROM curation_undo_row WHERE audit_id = ? AND kind = 'dropped_assignment'", auditId);
        TagRecord.update(c, "INSERT INTO flag_evidence SELECT (jsonb_populate_record(NULL::flag_evidence, row)).* "
                + "FROM curation_undo_row WHERE audit_id = ? AND kind = 'dropped_flag_evidence'", auditId);
        TagRecord.update(c, "INSERT INTO review SELECT (jsonb_populate_record(NULL::review, row)).* "
                + "FROM curation_undo_row WHERE audit_id = ? AND kind = 'dropped_review'", auditId);
        TagRecord.update(c, "UPDATE region SET tag_id = ? WHERE tag_id = ? AND id IN (SELECT row_id FROM "
                + "curation_undo_row WHERE audit_id = ? AND kind = 'moved_region')", source, target, auditId);
        TagRecord.update(c, "UPDATE tag_pair SET tag_id = ? WHERE tag_id = ? AND id IN (SELECT row_id FROM "
                + "curation_undo_row WHERE audit_id = ? AND kind = 'moved_pair')", source, target, auditId);
    }
}
