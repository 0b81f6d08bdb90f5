package io.tagforge.engine.job;

public enum JobState {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED,
    /**
     * Never stored: a RUNNING row whose process died, as the database function job_state_seen (V92) reads it. Not
     * finished: a rerun of the same work resumes the job from its checkpoint.
     */
    INTERRUPTED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
