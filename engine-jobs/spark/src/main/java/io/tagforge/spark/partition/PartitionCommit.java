package io.tagforge.spark.partition;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagforge.engine.job.JobContext;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.job.JobStore;
import io.tagforge.labelsystem.transaction.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;

/**
 * Makes a partition's rows visible exactly once, whatever Spark retries or runs speculatively: the rows, the
 * partition's stage_partition row and the job's progress commit in one transaction, and the insert of the
 * stage_partition row comes first. A second attempt waits for the first attempt's transaction; if that commits,
 * the second finds the row (ON CONFLICT DO NOTHING inserts nothing) and writes nothing; if it rolls back, the
 * second goes on and commits. Each commit first locks the job's row, so the commits of one job take turns:
 * partitions upsert shared rows (surface observations) in their own orders, which would deadlock in parallel.
 */
public final class PartitionCommit {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a partition writes, in the commit's transaction. */
    @FunctionalInterface
    public interface RowsWrite {
        void write(Connection c) throws SQLException;
    }

    private PartitionCommit() {
    }

    /** The running Spark task attempt, as stage_partition keeps it: which attempt committed a partition. */
    public static String currentAttempt() {
        TaskContext task = TaskContext.get();
        return "task " + task.taskAttemptId() + " (attempt " + task.attemptNumber() + ") on executor "
                + SparkEnv.get().executorId();
    }

    /** Whether an attempt has committed the partition: a task checks it before doing the work again. */
    public static boolean isDone(DataSource db, StagePartition p) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT 1 FROM stage_partition WHERE job_id = ? AND stage = ? AND range_start = ?")) {
            ps.setLong(1, p.jobId());
            ps.setString(2, p.stage());
            ps.setLong(3, p.rangeStart());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The range starts of the stage's committed partitions: a resumed stage runs only the others. */
    public static Set<Long> done(DataSource db, long jobId, String stage) throws SQLException {
        Set<Long> starts = new HashSet<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT range_start FROM stage_partition WHERE job_id = ? AND stage = ?")) {
            ps.setLong(1, jobId);
            ps.setString(2, stage);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    starts.add(rs.getLong(1));
                }
            }
        }
        return starts;
    }

    /**
     * Commits the partition's rows, unless another attempt has.
     *
     * @param attempt    which attempt this is (kept in stage_partition)
     * @param units      the work units the partition covered, added to the job's progress
     * @param countDelta what to add to the job's counts; "partitions" is added by one
     * @return true when this attempt committed, false when another one had (this one wrote nothing)
     */
    public static boolean commit(DataSource db, StagePartition p, String attempt, long units,
                                 Map<String, Long> countDelta, RowsWrite write) {
        return Transactions.over(db).run("commit of " + p, c -> {
            lockJob(c, p.jobId());
            if (!claim(c, p, attempt, units)) {
                // nothing written: this transaction only waited for the one that committed the partition
                return false;
            }
            write.write(c);
            progress(c, p.jobId(), units, countDelta);
            return true;
        });
    }

    /**
     * The job row's progress and counts as the executors' commits left them, into the driver's context, which
     * writes the row last (at the job's end, or a checkpoint after the stage).
     */
    public static void takeExecutorsProgress(DataSource db, JobContext ctx) {
        JobRecord row = new JobStore(Transactions.over(db)).find(ctx.jobId()).orElseThrow();
        ctx.advance(row.progress() - ctx.progress());
        row.counts().fields().forEachRemaining(e -> ctx.count(e.getKey(), e.getValue().asLong() - ctx.count(e.getKey())));
    }

    private static void lockJob(Connection c, long jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM job WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, jobId);
            ps.executeQuery().close();
        }
    }

    private static boolean claim(Connection c, StagePartition p, String attempt, long units) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO stage_partition "
                + "(job_id, stage, range_start, range_end, rows, attempt) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setLong(1, p.jobId());
            ps.setString(2, p.stage());
            ps.setLong(3, p.rangeStart());
            ps.setLong(4, p.rangeEnd());
            ps.setLong(5, units);
            ps.setString(6, attempt);
            return ps.executeUpdate() == 1;
        }
    }

    /** progress and counts are added to, not set: partitions of one job commit from many executors */
    private static void progress(Connection c, long jobId, long units, Map<String, Long> countDelta)
            throws SQLException {
        var delta = JSON.createObjectNode().put("partitions", 1L);
        countDelta.forEach(delta::put);
        try (PreparedStatement ps = c.prepareStatement("UPDATE job SET progress = progress + ?, heartbeat_at = now(), "
                + "counts = counts || (SELECT jsonb_object_agg(d.key, coalesce((job.counts ->> d.key)::bigint, 0) "
                + "+ d.value::bigint) FROM jsonb_each_text(?::jsonb) d) WHERE id = ?")) {
            ps.setLong(1, units);
            ps.setString(2, delta.toString());
            ps.setLong(3, jobId);
            ps.executeUpdate();
        }
    }
}
