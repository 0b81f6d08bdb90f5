package io.tagforge.engine.review;

import io.tagforge.labelsystem.assignment.FlagRule;

/**
 * The pairs of one tag that one rule flagged in a dataset: how many, how many still wait, how many people
 * reviewed one by one and how many of those they rejected, how many a bulk decision settled.
 */
public record RuleStats(int tagId, String tagName, FlagRule rule, long flagged, long waiting, long reviewed,
                        long rejected, long bulkDecided) {

    public double rejectedShare() {
        return reviewed == 0 ? 0 : (double) rejected / reviewed;
    }

    /** 95% Wilson interval of the share of flags that were right (rejected) among those reviewed. */
    public WilsonInterval rejectedInterval() {
        return WilsonInterval.of(rejected, reviewed);
    }

    /** The decision most reviewers took; empty on a tie or when nothing was reviewed. */
    public java.util.Optional<Decision> majority() {
        if (reviewed == 0 || rejected * 2 == reviewed) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(rejected * 2 > reviewed ? Decision.REJECT : Decision.ACCEPT);
    }
}
