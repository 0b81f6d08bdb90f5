package io.tagforge.spark.partition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * A stage's split of its work units' ids into ranges, range i being {@code [bounds[i], bounds[i + 1])} (no
 * bounds: no ids). A new job makes it ({@link #split}) and keeps it in its checkpoint ({@link #json}), so that a
 * rerun runs the same ranges, only those no attempt has committed ({@link #todo}).
 */
public record IdRanges(List<Long> bounds) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A new split and how many ids it covers. */
    public record Split(IdRanges ranges, long ids) {
    }

    /**
     * Splits the ids {@code idsQuery} selects into {@code partitions} ranges of about equal counts (fewer when
     * several percentiles fall on one id).
     *
     * @param idsQuery a query of one column {@code id}, whose parameters are {@code parameters}
     */
    public static Split split(DataSource db, int partitions, String idsQuery, Object... parameters)
            throws SQLException {
        Double[] fractions = new Double[partitions];
        for (int i = 0; i < partitions; i++) {
            fractions[i] = (double) i / partitions;
        }
        TreeSet<Long> bounds = new TreeSet<>();
        long count;
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT percentile_disc(?) WITHIN GROUP (ORDER BY id), "
                     + "max(id), count(*) FROM (" + idsQuery + ") ids")) {
            ps.setArray(1, c.createArrayOf("float8", fractions));
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 2, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                count = rs.getLong(3);
                if (count > 0) {
                    Array starts = rs.getArray(1);
                    for (Long start : (Long[]) starts.getArray()) {
                        bounds.add(start);
                    }
                    bounds.add(rs.getLong(2) + 1);
                }
            }
        }
        return new Split(new IdRanges(new ArrayList<>(bounds)), count);
    }

    /** The bounds a checkpoint kept. */
    public static IdRanges of(JsonNode json) {
        List<Long> bounds = new ArrayList<>();
        for (Iterator<JsonNode> it = json.elements(); it.hasNext(); ) {
            bounds.add(it.next().asLong());
        }
        return new IdRanges(bounds);
    }

    /** The bounds as the checkpoint keeps them. */
    public ArrayNode json() {
        ArrayNode array = JSON.createArrayNode();
        bounds.forEach(array::add);
        return array;
    }

    /**
     * The same ranges, the last one reaching every id above its start: ranges split at a subset of the ids (the
     * first of each batch) must still cover the ids after the last one.
     */
    public IdRanges openEnded() {
        if (bounds.isEmpty()) {
            return this;
        }
        List<Long> extended = new ArrayList<>(bounds);
        extended.set(extended.size() - 1, Long.MAX_VALUE);
        return new IdRanges(extended);
    }

    public int count() {
        return Math.max(0, bounds.size() - 1);
    }

    /** The ranges of the job's stage that no attempt has committed. */
    public List<StagePartition> todo(DataSource db, long jobId, String stage) throws SQLException {
        Set<Long> done = PartitionCommit.done(db, jobId, stage);
        List<StagePartition> todo = new ArrayList<>();
        for (int i = 0; i + 1 < bounds.size(); i++) {
            if (!done.contains(bounds.get(i))) {
                todo.add(new StagePartition(jobId, stage, bounds.get(i), bounds.get(i + 1)));
            }
        }
        return todo;
    }
}
