package io.tagforge.engine.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Runs jobs so that {@code kill -9} loses nothing: a rerun of the same kind and parameters continues the
 * unfinished job from its checkpoint. While a job runs, its process holds a PostgreSQL advisory lock on
 * the job's id; the lock dies with the process's connection, so "is it still running?" needs no timeout.
 */
public final class JobRunner {

    /** First key of the advisory locks that mark running jobs ("TFJB"); job_state_seen (V92) looks for it. */
    private static final int LOCK_CLASS = 0x5446_4A42;

    private final JobStore store;

    public JobRunner(JobStore store) {
        this.store = store;
    }

    public JobStore store() {
        return store;
    }

    /** Continues the unfinished job of this kind and parameters, or starts a new one, and runs it here. */
    public JobRecord runOrResume(String kind, JsonNode params, String createdBy, JobBody body, JobListener listener)
            throws Exception {
        long id = store.findUnfinished(kind, params).map(JobRecord::id)
                .orElseGet(() -> store.create(kind, params, createdBy));
        return run(id, body, listener);
    }

    /** Runs an existing job row (created by {@link JobStore#create}, e.g. by the UI) in this thread. */
    public JobRecord run(long jobId, JobBody body, JobListener listener) throws Exception {
        // a session lock held for the job's life, on a connection outside the transactions the job commits
        try (Connection lock = store.transactions().connectionOfItsOwn()) {
            if (!lock(lock, "pg_try_advisory_lock", jobId)) {
                throw new JobAlreadyRunningException(jobId);
            }
            try {
                return runLocked(jobId, body, listener);
            } finally {
                // the pool keeps the connection open, so the session lock must be given back by hand
                lock(lock, "pg_advisory_unlock", jobId);
            }
        }
    }

    private JobRecord runLocked(long jobId, JobBody body, JobListener listener) throws Exception {
        store.update("UPDATE job SET state = 'RUNNING', cancel_requested = false, error = NULL, finished_at = NULL, "
                + "started_at = coalesce(started_at, now()), heartbeat_at = now() WHERE id = ?", jobId);
        JobRecord job = store.find(jobId).orElseThrow();
        JobContext context = new JobContext(store, job, listener);
        listener.started(job);
        try {
            body.run(context);
        } catch (Exception | Error e) {
            context.writeProgress(true);
            finish(jobId, context.cancelRequested() ? JobState.CANCELLED : JobState.FAILED, describe(e));
            listener.finished(store.find(jobId).orElseThrow());
            throw e;
        }
        context.writeProgress(true);
        finish(jobId, context.cancelRequested() ? JobState.CANCELLED : JobState.SUCCEEDED, null);
        JobRecord done = store.find(jobId).orElseThrow();
        listener.finished(done);
        return done;
    }

    private static String describe(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private void finish(long jobId, JobState state, String error) {
        store.inOwnTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE job SET state = ?, error = ?, finished_at = now() WHERE id = ?")) {
                ps.setString(1, state.name());
                ps.setString(2, error);
                ps.setLong(3, jobId);
                return ps.executeUpdate();
            }
        });
    }

    private static boolean lock(Connection c, String function, long jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(?, ?)")) {
            ps.setInt(1, LOCK_CLASS);
            ps.setInt(2, (int) jobId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The job is being run by another process (or thread) right now. */
    public static final class JobAlreadyRunningException extends IllegalStateException {
        JobAlreadyRunningException(long jobId) {
            super("job " + jobId + " is already running in another process; wait for it or cancel it");
        }
    }
}
