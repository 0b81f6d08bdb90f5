package io.tagforge.engine.review;

import java.time.OffsetDateTime;

/**
 * A decision as the history shows it: one pair (pairId set, bulkId null) or a bulk decision over
 * {@code pairs} pairs of one tag and rule, with the estimate it rested on.
 */
public record DecisionRecord(Long pairId, Long bulkId, String user, Decision decision, String subject, int pairs,
                             String evidence, OffsetDateTime decidedAt, OffsetDateTime undoneAt) {
}
