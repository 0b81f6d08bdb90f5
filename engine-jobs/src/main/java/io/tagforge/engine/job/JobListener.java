package io.tagforge.engine.job;

/** Hears a running job's progress in its own process (the CLI's progress bar); the UI reads job rows instead. */
public interface JobListener {

    JobListener NONE = new JobListener() {
    };

    default void started(JobRecord job) {
    }

    default void progressed(long progress, Long total) {
    }

    default void finished(JobRecord job) {
    }
}
