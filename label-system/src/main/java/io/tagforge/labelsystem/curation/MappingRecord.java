package io.tagforge.labelsystem.curation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagforge.labelsystem.mapping.MappingAction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** surface_mapping rows as curation writes, snapshots (audit JSON) and restores them. */
final class MappingRecord {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MappingRecord() {
    }

    /** Inserts a mapping (with {@code id} when restoring one, else a new id); its snapshot. */
    static String insert(Connection c, Long id, String surface, MappingAction action, String tagName, String senseKey,
                         String note, String actor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO surface_mapping (id, surface, action, tag_name, "
                + "sense_key, note, created_by) VALUES (COALESCE(?, nextval('surface_mapping_id_seq')), ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING RETURNING id")) {
            ps.setObject(1, id);
            ps.setString(2, surface);
            ps.setShort(3, action.code());
            ps.setString(4, tagName);
            ps.setString(5, senseKey);
            ps.setString(6, note);
            ps.setString(7, actor);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new CurationException("\"" + surface + "\" is already " + describe(action, tagName));
                }
                return snapshot(c, rs.getLong(1));
            }
        }
    }

    /** The row as JSON, or null when there is none. */
    static String snapshot(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, surface, action, tag_name, sense_key, note, "
                + "created_by FROM surface_mapping WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                ObjectNode row = JSON.createObjectNode().put("id", rs.getLong(1)).put("surface", rs.getString(2))
                        .put("action", rs.getShort(3)).put("tag_name", rs.getString(4))
                        .put("sense_key", rs.getString(5)).put("note", rs.getString(6)).put("created_by", rs.getString(7));
                return row.toString();
            }
        }
    }

    static void delete(Connection c, long id) throws SQLException {
        if (TagRecord.update(c, "DELETE FROM surface_mapping WHERE id = ?", id) == 0) {
            throw new CurationException("surface mapping " + id + " is gone: it was removed or undone since");
        }
    }

    static void restore(Connection c, JsonNode row) throws SQLException {
        insert(c, row.get("id").asLong(), row.get("surface").asText(), MappingAction.ofCode(row.get("action").asInt()),
                text(row, "tag_name"), text(row, "sense_key"), text(row, "note"), row.get("created_by").asText());
    }

    /** a nullable field; audit entries written before pins existed have no sense_key */
    private static String text(JsonNode row, String field) {
        JsonNode value = row.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static String describe(MappingAction action, String tagName) {
        return switch (action) {
            case PIN -> "pinned to a sense";
            case ADD -> "mapped to " + tagName;
            case BLOCK -> tagName == null ? "blocked from every tag" : "blocked from " + tagName;
        };
    }
}
