package io.tagforge.labelsystem.tag;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Reads tags and their names (for views and commands; changes go through the curation service). */
public final class Tags {

    static final String COLUMNS = "id, name, kind, threshold, description, deprecated, merged_into, version, detectable";

    private final DataSource dataSource;

    public Tags(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Tag> find(int id) {
        try (Connection c = dataSource.getConnection()) {
            return find(c, id);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read tag " + id + ": " + e.getMessage(), e);
        }
    }

    /** Live tags whose name or any name form starts with {@code prefix} (any case), by name; at most {@code limit}. */
    public List<Tag> search(String prefix, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM tag t WHERE NOT deprecated AND (lower(name) LIKE ? OR EXISTS "
                + "(SELECT 1 FROM tag_name n WHERE n.tag_id = t.id AND lower(n.form) LIKE ?)) ORDER BY lower(name), id LIMIT ?";
        String like = prefix.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, like);
            ps.setString(2, like);
            ps.setInt(3, limit);
            List<Tag> tags = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tags.add(tag(rs));
                }
            }
            return tags;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot search tags: " + e.getMessage(), e);
        }
    }

    /** The names of a tag, primary first, then by language and form. */
    public List<TagName> names(int tagId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT form, language, source FROM tag_name WHERE tag_id = ? ORDER BY source <> 0, language, form")) {
            ps.setInt(1, tagId);
            List<TagName> names = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(new TagName(rs.getString(1), rs.getString(2), NameSource.ofCode(rs.getShort(3))));
                }
            }
            return names;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the names of tag " + tagId + ": " + e.getMessage(), e);
        }
    }

    public static Optional<Tag> find(Connection c, int id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM tag WHERE id = ?")) {
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(tag(rs)) : Optional.empty();
            }
        }
    }

    static Tag tag(ResultSet rs) throws SQLException {
        return new Tag(rs.getInt(1), rs.getString(2), TagKind.ofCode(rs.getShort(3)), rs.getFloat(4), rs.getString(5),
                rs.getBoolean(6), (Integer) rs.getObject(7), rs.getInt(8), (Boolean) rs.getObject(9));
    }
}
