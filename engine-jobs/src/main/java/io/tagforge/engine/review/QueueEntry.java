package io.tagforge.engine.review;

import io.tagforge.labelsystem.assignment.AssignmentSource;
import io.tagforge.labelsystem.assignment.AssignmentState;
import io.tagforge.labelsystem.assignment.FlagRule;
import java.util.List;

/**
 * One image–tag pair of the queue: its flag, the best score and outlier percentile of its evidence, whether
 * cleaning flagged it again after a person accepted it, and the sources of its assignment rows.
 */
public record QueueEntry(long pairId, int datasetId, long imageId, String imagePath, int tagId, String tagName,
                         AssignmentState state, FlagRule rule, Float score, Float percentile, boolean rechecked,
                         List<AssignmentSource> sources, int rows, double sortKey) {

    public QueueCursor cursor() {
        return new QueueCursor(sortKey, pairId);
    }
}
