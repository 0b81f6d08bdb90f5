package io.tagforge.engine.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagforge.labelsystem.transaction.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads and writes job rows; {@link JobRunner} drives a job's life cycle through it. A job's row is its own
 * record: every write to it commits in a transaction of its own (PROPAGATION_REQUIRES_NEW), so its progress, log
 * and checkpoints are seen while it runs and stay when a caller's transaction rolls back.
 */
public final class JobStore {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The state as readers see it: RUNNING becomes INTERRUPTED when the job's process died (V92). */
    public static final String STATE_SEEN = "job_state_seen(state, id)";
    private static final String COLUMNS = "id, kind, params, " + STATE_SEEN + " AS state, progress, total, counts, "
            + "checkpoint, error, cancel_requested, created_by, created_at, started_at, finished_at";

    private final Transactions transactions;
    private final DataSource dataSource;

    public JobStore(Transactions transactions) {
        this.transactions = transactions;
        this.dataSource = transactions.dataSource();
    }

    public Transactions transactions() {
        return transactions;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public long create(String kind, JsonNode params, String createdBy) {
        return inOwnTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO job (kind, params, created_by) VALUES (?, ?::jsonb, ?) RETURNING id")) {
                ps.setString(1, kind);
                ps.setString(2, json(params));
                ps.setString(3, createdBy);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    public Optional<JobRecord> find(long id) {
        return queryOne("SELECT " + COLUMNS + " FROM job WHERE id = ?", ps -> ps.setLong(1, id), JobStore::record);
    }

    public List<JobRecord> recent(int limit) {
        return queryList("SELECT " + COLUMNS + " FROM job ORDER BY id DESC LIMIT ?", ps -> ps.setInt(1, limit));
    }

    /** The newest unfinished or failed run of the same work, which a rerun continues from its checkpoint. */
    Optional<JobRecord> findUnfinished(String kind, JsonNode params) {
        return queryOne("SELECT " + COLUMNS + " FROM job WHERE kind = ? AND params = ?::jsonb"
                        + " AND state <> 'SUCCEEDED' ORDER BY id DESC LIMIT 1",
                ps -> {
                    ps.setString(1, kind);
                    ps.setString(2, json(params));
                }, JobStore::record);
    }

    /** Asks a running job to stop after its current batch; a queued or interrupted one is cancelled at once. */
    public boolean requestCancel(long id) {
        return update("UPDATE job SET cancel_requested = true, state = CASE WHEN " + STATE_SEEN
                + " IN ('QUEUED', 'INTERRUPTED') THEN 'CANCELLED' ELSE state END "
                + "WHERE id = ? AND state IN ('QUEUED', 'RUNNING')", id) == 1;
    }

    public void log(long jobId, String level, String message) {
        inOwnTransaction(c -> log(c, jobId, level, message));
    }

    /** A log line in the caller's transaction: it commits with the rows it tells of. */
    public static int log(Connection c, long jobId, String level, String message) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO job_log (job_id, level, message) VALUES (?, ?, ?)")) {
            ps.setLong(1, jobId);
            ps.setString(2, level);
            ps.setString(3, message);
            return ps.executeUpdate();
        }
    }

    public List<String> logLines(long jobId, int limit) {
        List<String> lines = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT at, level, message FROM job_log WHERE job_id = ? ORDER BY id LIMIT ?")) {
            ps.setLong(1, jobId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(rs.getTimestamp(1).toInstant() + " " + rs.getString(2) + " " + rs.getString(3));
                }
            }
        } catch (SQLException e) {
            throw new JobStoreException(e);
        }
        return lines;
    }

    int update(String sql, long id) {
        return inOwnTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, id);
                return ps.executeUpdate();
            }
        });
    }

    /** Writes to job rows, committed on their own whatever transaction the caller has open. */
    <T> T inOwnTransaction(Transactions.Work<T> work) {
        try {
            return transactions.runInNewTransaction("job", work);
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof SQLException cause) {
                throw new JobStoreException(cause);
            }
            throw e;
        }
    }

    static String json(JsonNode node) {
        try {
            return node == null ? null : JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode parse(String s) throws SQLException {
        try {
            return s == null ? null : JSON.readTree(s);
        } catch (JsonProcessingException e) {
            throw new SQLException("job row holds invalid JSON", e);
        }
    }

    private static JobRecord record(ResultSet rs) throws SQLException {
        long total = rs.getLong("total");
        return new JobRecord(rs.getLong("id"), rs.getString("kind"), parse(rs.getString("params")),
                JobState.valueOf(rs.getString("state")), rs.getLong("progress"), rs.wasNull() ? null : total,
                parse(rs.getString("counts")), parse(rs.getString("checkpoint")), rs.getString("error"),
                rs.getBoolean("cancel_requested"), rs.getString("created_by"), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("finished_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> Optional<T> queryOne(String sql, Binder binder, Reader<T> reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(reader.read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new JobStoreException(e);
        }
    }

    private List<JobRecord> queryList(String sql, Binder binder) {
        List<JobRecord> list = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    list.add(record(rs));
                }
            }
        } catch (SQLException e) {
            throw new JobStoreException(e);
        }
        return list;
    }

    /** A database failure while keeping a job's books. */
    public static final class JobStoreException extends RuntimeException {
        JobStoreException(SQLException e) {
            super(e.getMessage(), e);
        }
    }
}
