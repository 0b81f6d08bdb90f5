-- A job's state as the CLI and the UI show it. While a job runs, its process holds a session-level advisory lock
-- (key 0x54464A42 'TFJB', the job's id: JobRunner.LOCK_CLASS) on a connection of its own; a session's locks end with
-- it, so a RUNNING row whose lock nobody holds was left by a process that died (kill -9, lost machine): INTERRUPTED.
-- Computed when read, because nobody is left to write it; the stored state stays RUNNING and a rerun resumes the job.
CREATE FUNCTION job_state_seen(state text, job_id bigint) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN state = 'RUNNING' AND NOT EXISTS (
        SELECT 1 FROM pg_locks l
         WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
           AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
           AND l.classid = 1413892674 AND l.objid = (job_id % 4294967296)::oid)
    THEN 'INTERRUPTED' ELSE state END
$$;
