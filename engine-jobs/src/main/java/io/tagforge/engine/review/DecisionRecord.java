package io.tagforge.engine.review;

import java.time.OffsetDateTime;

/**
 * A decision as the history shows it: one pair (pairId set, bulkId and estimate null) or a bulk decision over
 * {@code pairs} pairs of one tag and rule, with the sample estimate it rested on.
 */
public record DecisionRecord(Long pairId, Long bulkId, String user, Decision decision, String subject, int pairs,
                             Estimate estimate, OffsetDateTime decidedAt, OffsetDateTime undoneAt) {

    /** What a bulk decision rested on: {@code rejected} of {@code reviewed} pairs, and the 95% interval. */
    public record Estimate(long reviewed, long rejected, WilsonInterval interval) {

        /** "46 of 50 reviewed were rejected, 95% interval 81–97%" */
        @Override
        public String toString() {
            return rejected + " of " + reviewed + " reviewed were rejected, 95% interval " + interval.percent();
        }
    }
}
