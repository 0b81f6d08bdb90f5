package io.tagforge.labelsystem.mapping;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/** Reads the curated surface mappings and what a dataset's parse observed (written by the parse job). */
public final class SurfaceMappings {

    private static final String LIVE = "SELECT id, surface, action, tag_name, sense_key, note, created_by FROM surface_mapping "
            + "ORDER BY surface, id";

    private static final String OBSERVED = """
            SELECT o.surface, o.tag_id, t.name, o.rule, o.mentions, o.examples,
                   (SELECT m.id FROM surface_mapping m WHERE m.surface = o.surface AND m.action = 2
                      AND (m.tag_name IS NULL OR lower(m.tag_name) = lower(t.name)) ORDER BY m.id LIMIT 1),
                   (SELECT m.sense_key FROM surface_mapping m WHERE m.surface = o.surface AND m.action = 3)
            FROM surface_observation o JOIN dataset d ON d.id = o.dataset_id JOIN tag t ON t.id = o.tag_id
            WHERE (? = '' OR d.name = ?) AND (? = '' OR o.surface LIKE '%' || ? || '%' OR lower(t.name) LIKE '%' || ? || '%')
              AND (? = 0 OR o.tag_id = ?)
            ORDER BY o.mentions DESC, o.surface, t.name
            OFFSET ? LIMIT ?""";

    private SurfaceMappings() {
    }

    /** The curated mappings now in the database. */
    public static List<SurfaceMapping> live(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(LIVE);
             ResultSet rs = ps.executeQuery()) {
            List<SurfaceMapping> mappings = new ArrayList<>();
            while (rs.next()) {
                mappings.add(new SurfaceMapping(rs.getLong(1), rs.getString(2), MappingAction.ofCode(rs.getShort(3)),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)));
            }
            return mappings;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the surface mappings: " + e.getMessage(), e);
        }
    }

    /** The mappings a new database starts with: what a vocabulary without a database uses. */
    public static List<SurfaceMapping> seed() {
        return SurfaceMappingSeed.rows().stream()
                .map(r -> new SurfaceMapping(0, r.surface(), r.action(), r.tagName(), r.senseKey(), r.note(),
                        "seed"))
                .toList();
    }

    /**
     * A dataset's observed mappings ({@code dataset} empty: every dataset's), most mentions first: those whose
     * surface or tag name contains {@code search} (empty for all), of one tag ({@code tagId} > 0) or all.
     */
    public static List<ObservedMapping> observed(DataSource dataSource, String dataset, String search, int tagId,
                                                 int offset, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(OBSERVED)) {
            String s = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
            ps.setString(1, dataset);
            ps.setString(2, dataset);
            ps.setString(3, s);
            ps.setString(4, s);
            ps.setString(5, s);
            ps.setInt(6, tagId);
            ps.setInt(7, tagId);
            ps.setInt(8, offset);
            ps.setInt(9, limit);
            List<ObservedMapping> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new ObservedMapping(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                            rs.getLong(5), Arrays.asList((String[]) rs.getArray(6).getArray()),
                            (Long) rs.getObject(7), rs.getString(8)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the observed mappings of " + dataset + ": " + e.getMessage(), e);
        }
    }
}
