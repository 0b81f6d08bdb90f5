package io.tagforge.engine.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagforge.labelsystem.error.TagforgeException;
import io.tagforge.labelsystem.transaction.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;

/** A running job's handle on its own row: checkpoint, progress, counts, cancellation and log. */
public final class JobContext {

    private static final long CANCEL_POLL_MILLIS = 1000;
    private static final long PROGRESS_WRITE_MILLIS = 500;
    /** The checkpoint field of a job whose work a distributed (Spark) run split into id ranges. */
    public static final String SPLIT = "ranges";

    private final JobStore store;
    private final JobRecord job;
    private final JobListener listener;
    private final ObjectNode counts;
    private JsonNode checkpoint;
    private long progress;
    private Long total;
    private long lastCancelPoll;
    private boolean cancelled;
    private long lastProgressWrite;

    JobContext(JobStore store, JobRecord job, JobListener listener) {
        this.store = store;
        this.job = job;
        this.listener = listener;
        this.counts = job.counts().isObject() ? ((ObjectNode) job.counts()).deepCopy() : JobStore.JSON.createObjectNode();
        this.checkpoint = job.checkpoint();
        this.progress = job.progress();
        this.total = job.total();
    }

    public long jobId() {
        return job.id();
    }

    public JsonNode params() {
        return job.params();
    }

    public DataSource dataSource() {
        return store.dataSource();
    }

    public Transactions transactions() {
        return store.transactions();
    }

    /** Where the previous run of this job stopped, or null on a first run. */
    public JsonNode checkpoint() {
        return checkpoint;
    }

    /**
     * Refuses to go on in this process with a job a Spark run split into id ranges: its ranges commit on their own
     * (stage_partition), so a local run from the checkpoint would redo the committed ones and count them twice.
     */
    public void refuseSplitJob() {
        if (checkpoint != null && checkpoint.has(SPLIT)) {
            throw new TagforgeException("job " + job.id() + " (" + job.kind() + ") was split into id ranges by a "
                    + "Spark run: resume it on Spark, which runs only the ranges not committed yet");
        }
    }

    public long progress() {
        return progress;
    }

    public void total(long total) {
        this.total = total;
        writeProgress(true);
    }

    /**
     * Runs {@code write} and stores the new checkpoint, progress and counts in one transaction: after a crash
     * the job's rows and its checkpoint agree, so a rerun neither loses nor repeats a batch. The batch is a
     * transaction of its own even when the caller has one open: it commits with its checkpoint, and a failing
     * batch rolls back only itself.
     */
    public void commitBatch(BatchWrite write, JsonNode nextCheckpoint, long progressDelta, Map<String, Long> countDeltas) {
        ObjectNode nextCounts = counts.deepCopy();
        countDeltas.forEach((k, v) -> nextCounts.put(k, nextCounts.path(k).asLong(0) + v));
        store.inOwnTransaction(c -> {
            write.write(c);
            try (PreparedStatement ps = c.prepareStatement("UPDATE job SET checkpoint = ?::jsonb, "
                    + "progress = ?, total = ?, counts = ?::jsonb, heartbeat_at = now() WHERE id = ?")) {
                ps.setString(1, JobStore.json(nextCheckpoint));
                ps.setLong(2, progress + progressDelta);
                ps.setObject(3, total);
                ps.setString(4, JobStore.json(nextCounts));
                ps.setLong(5, job.id());
                return ps.executeUpdate();
            }
        });
        counts.setAll(nextCounts);
        checkpoint = nextCheckpoint;
        progress += progressDelta;
        listener.progressed(progress, total);
    }

    /**
     * Progress of work that is not checkpointed (a job that commits once at the end): written to the row at
     * most twice a second, so the UI can follow it.
     */
    public void advance(long delta) {
        progress += delta;
        listener.progressed(progress, total);
        writeProgress(false);
    }

    /** A count outside {@link #commitBatch}: for jobs that commit once, at the end. */
    public void count(String name, long delta) {
        counts.put(name, counts.path(name).asLong(0) + delta);
    }

    public long count(String name) {
        return counts.path(name).asLong(0);
    }

    public boolean cancelRequested() {
        long now = System.currentTimeMillis();
        if (!cancelled && now - lastCancelPoll >= CANCEL_POLL_MILLIS) {
            lastCancelPoll = now;
            try (Connection c = store.dataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT cancel_requested FROM job WHERE id = ?")) {
                ps.setLong(1, job.id());
                try (ResultSet rs = ps.executeQuery()) {
                    cancelled = rs.next() && rs.getBoolean(1);
                }
            } catch (SQLException e) {
                throw new JobStore.JobStoreException(e);
            }
        }
        return cancelled;
    }

    public void log(String level, String message) {
        store.log(job.id(), level, message);
    }

    ObjectNode counts() {
        return counts;
    }

    void writeProgress(boolean force) {
        long now = System.currentTimeMillis();
        if (!force && now - lastProgressWrite < PROGRESS_WRITE_MILLIS) {
            return;
        }
        lastProgressWrite = now;
        store.inOwnTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE job SET progress = ?, total = ?, counts = ?::jsonb, heartbeat_at = now() WHERE id = ?")) {
                ps.setLong(1, progress);
                ps.setObject(2, total);
                ps.setString(3, JobStore.json(counts));
                ps.setLong(4, job.id());
                return ps.executeUpdate();
            }
        });
    }
}
