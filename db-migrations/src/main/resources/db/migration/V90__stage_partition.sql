-- The finished partitions of a Spark stage (engine-jobs/spark): a stage splits its id range (caption ids, image
-- ids) into partitions, and a partition's rows commit in the same transaction as its row here. The insert of that
-- row is the commit's gate (ON CONFLICT DO NOTHING): a retried or speculative second attempt of a partition finds
-- it and adds nothing, and a stage run again after a crash only runs the partitions without a row.
CREATE TABLE stage_partition (
    job_id      bigint      NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    stage       text        NOT NULL,
    range_start bigint      NOT NULL, -- first id of the partition
    range_end   bigint      NOT NULL CHECK (range_end > range_start), -- the id after its last
    rows        bigint      NOT NULL CHECK (rows >= 0), -- the work units it did (captions, images)
    attempt     text        NOT NULL, -- the Spark task attempt that committed it, for the job's log
    finished_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (job_id, stage, range_start)
);
