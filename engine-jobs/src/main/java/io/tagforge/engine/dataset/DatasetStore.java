package io.tagforge.engine.dataset;

import io.tagforge.labelsystem.assignment.AssignmentState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Reads datasets and their counts. */
public final class DatasetStore {

    private static final String STATS = """
            SELECT d.id, d.name, d.format, d.image_root,
                   coalesce(i.images, 0), coalesce(i.missing, 0),
                   coalesce(c.original, 0), coalesce(c.generated, 0),
                   coalesce(a.assignments, 0), coalesce(p.flagged, 0)
              FROM dataset d
              LEFT JOIN (SELECT dataset_id, count(*) images, count(*) FILTER (WHERE missing) missing
                           FROM image GROUP BY dataset_id) i ON i.dataset_id = d.id
              LEFT JOIN (SELECT im.dataset_id, count(*) FILTER (WHERE c.origin = 0) original,
                                count(*) FILTER (WHERE c.origin = 1) generated
                           FROM caption c JOIN image im ON im.id = c.image_id GROUP BY im.dataset_id) c ON c.dataset_id = d.id
              LEFT JOIN (SELECT dataset_id, count(*) assignments FROM tag_assignment GROUP BY dataset_id) a
                     ON a.dataset_id = d.id
              -- flagged image-tag pairs waiting for review, not rows: a tag parsed from five captions is one
              LEFT JOIN (SELECT dataset_id, count(*) flagged FROM tag_pair WHERE state = %d GROUP BY dataset_id) p
                     ON p.dataset_id = d.id
            """.formatted(AssignmentState.FLAGGED.code());

    private final DataSource dataSource;

    public DatasetStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<DatasetStats> all() {
        return query(STATS + " ORDER BY d.name", null);
    }

    public Optional<DatasetStats> find(String name) {
        return query(STATS + " WHERE d.name = ?", name).stream().findFirst();
    }

    private List<DatasetStats> query(String sql, String name) {
        List<DatasetStats> list = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (name != null) {
                ps.setString(1, name);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    list.add(new DatasetStats(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read datasets: " + e.getMessage(), e);
        }
        return list;
    }
}
