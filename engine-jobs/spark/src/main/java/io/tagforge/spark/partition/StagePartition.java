package io.tagforge.spark.partition;

import java.io.Serializable;

/**
 * One Spark partition of a job's stage: the ids {@code [rangeStart, rangeEnd)} of the stage's work units
 * (captions, images). Its key in stage_partition is (job, stage, rangeStart).
 */
public record StagePartition(long jobId, String stage, long rangeStart, long rangeEnd) implements Serializable {

    public StagePartition {
        if (rangeEnd <= rangeStart) {
            throw new IllegalArgumentException("empty range [" + rangeStart + ", " + rangeEnd + ")");
        }
    }
}
