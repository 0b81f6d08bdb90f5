package io.tagforge.engine.report;

import io.tagforge.engine.review.WilsonInterval;
import io.tagforge.labelsystem.assignment.FlagRule;
import io.tagforge.labelsystem.tag.TagKind;
import java.time.Instant;
import java.util.List;

/**
 * A dataset as RAM's Table 5 shows one: images, captions, and tags (image–tag pairs) after each stage, then what
 * cleaning flagged and review made of it, the tag frequency long tail, tags by kind, the tags generation gained
 * and cleaning lost most, and who reviewed how much. With a release, everything but the frequency curve counts
 * the release's tags only; the curve shows every tag, the release's marked.
 */
public record DatasetReport(String dataset, String release, Instant computedAt, String computedBy, long images,
                            long captionsOriginal, long captionsGenerated, List<Stage> stages, List<RuleRow> rules,
                            List<TagFrequency> frequencies, List<KindRow> kinds, List<TagChange> gainedByGeneration,
                            List<TagChange> lostByCleaning, List<ReviewOutcomes.DayOfWork> progress,
                            ReviewOutcomes.Agreement agreement) {

    /** Tags (pairs) after one stage, the distinct tags among them, and pairs per image. */
    public record Stage(String name, long tags, long distinctTags, double perImage) {
    }

    /** Pairs one rule flagged and what review decided of them. */
    public record RuleRow(FlagRule rule, long flagged, long accepted, long rejected) {

        public long reviewed() {
            return accepted + rejected;
        }

        public long pending() {
            return flagged - reviewed();
        }

        /** The share of reviewed flags that were right to flag (rejected), with its 95% Wilson interval. */
        public Interval rejectedShare() {
            return Interval.wilson(rejected, reviewed());
        }
    }

    /** A tag and the images it is on after review; {@code inRelease} false without a release too. */
    public record TagFrequency(String tag, long images, boolean inRelease) {
    }

    public record KindRow(TagKind kind, long tags, long pairs) {
    }

    /** A tag's pairs before and after a stage. */
    public record TagChange(String tag, long before, long after) {

        public long change() {
            return after - before;
        }
    }

    /** A share of n with its 95% Wilson score interval ({@link WilsonInterval}); NaN share and bounds when n is 0. */
    public record Interval(long successes, long n, double share, double low, double high) {

        public static Interval wilson(long successes, long n) {
            if (n == 0) {
                return new Interval(0, 0, Double.NaN, Double.NaN, Double.NaN);
            }
            WilsonInterval bounds = WilsonInterval.of(successes, n);
            return new Interval(successes, n, (double) successes / n, bounds.low(), bounds.high());
        }
    }

    /** The last stage, after review: what an export takes by default. */
    public Stage afterReview() {
        return stages.get(stages.size() - 1);
    }

    public long pendingReview() {
        return rules.stream().mapToLong(RuleRow::pending).sum();
    }

    /** Where people who decided the same pair agreed. */
    public Interval agreementShare() {
        return Interval.wilson(agreement.pairsAgreed(), agreement.pairsSeenTwice());
    }

    /** The rarest release tag's images: where the release cuts the long tail; null without a release. */
    public Long releaseMinimum() {
        return release == null ? null : frequencies.stream().filter(TagFrequency::inRelease)
                .mapToLong(TagFrequency::images).min().stream().boxed().findFirst().orElse(null);
    }
}
