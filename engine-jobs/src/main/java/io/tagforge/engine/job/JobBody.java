package io.tagforge.engine.job;

/**
 * A job's work. It reads {@link JobContext#checkpoint()} to know where a previous run stopped, works in
 * batches, and commits each batch's rows together with the next checkpoint through
 * {@link JobContext#commitBatch}; it returns early when {@link JobContext#cancelRequested()} says so.
 */
@FunctionalInterface
public interface JobBody {
    void run(JobContext context) throws Exception;
}
