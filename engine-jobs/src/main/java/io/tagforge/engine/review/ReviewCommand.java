package io.tagforge.engine.review;

import io.tagforge.labelsystem.assignment.AssignmentSource;
import io.tagforge.labelsystem.assignment.FlagRule;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./tagforge review}: scripted review of image–tag pairs, the same service the web app uses. */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = "Review flagged image-tag pairs without the browser: list, decide, bulk-apply, statistics, undo.",
        subcommands = {ReviewCommand.Queue.class, ReviewCommand.Decide.class, ReviewCommand.Apply.class,
                ReviewCommand.Stats.class, ReviewCommand.Undo.class})
public class ReviewCommand {

    /** Roles of table user_role the commands need. */
    static final String ANNOTATOR = "ANNOTATOR";
    static final String CURATOR = "CURATOR";

    /** Exactly one of --accept, --reject. */
    static class Verdict {
        @Option(names = "--accept", required = true)
        boolean accept;

        @Option(names = "--reject", required = true)
        boolean reject;

        Decision decision() {
            return accept ? Decision.ACCEPT : Decision.REJECT;
        }
    }

    abstract static class Base implements Callable<Integer> {
        private final PairReview review;

        @Spec
        CommandSpec spec;

        Base(PairReview review) {
            this.review = review;
        }

        PairReview review() {
            return review;
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    @Command(name = "queue", mixinStandardHelpOptions = true,
            description = "Flagged pairs waiting for a decision, as TSV: image_id, image_path, tag, rule, score, sources.")
    static class Queue extends Base {
        @Option(names = "--dataset", required = true, paramLabel = "NAME")
        String dataset;

        @Option(names = "--tag", paramLabel = "T")
        String tag;

        @Option(names = "--rule", paramLabel = "R", description = "OUTLIER_REGION, NO_REGION or LOW_SCORE.")
        String rule;

        @Option(names = "--limit", defaultValue = "100", paramLabel = "N", description = "Default ${DEFAULT-VALUE}.")
        int limit;

        @Option(names = "--order", defaultValue = "FLAGGED", paramLabel = "ORDER",
                description = "FLAGGED (oldest flag first), PERCENTILE (highest outlier percentile first) or SCORE "
                        + "(lowest score first). Default ${DEFAULT-VALUE}.")
        QueueOrder order;

        Queue(PairReview review) {
            super(review);
        }

        @Override
        public Integer call() {
            PairReview review = review();
            ReviewFilter filter = new ReviewFilter(review.datasetId(dataset), tag == null ? null : review.tagId(tag),
                    rule == null ? null : PairReview.rule(rule), null, null);
            PrintWriter out = out();
            out.println("image_id\timage_path\ttag\trule\tscore\tsources");
            for (QueueEntry e : review.page(filter, order, QueueCursor.START, Math.max(limit, 0))) {
                out.println(e.imageId() + "\t" + e.imagePath() + "\t" + e.tagName() + "\t" + e.rule().name() + "\t"
                        + (e.score() == null ? "" : String.format(Locale.ROOT, "%.4f", e.score())) + "\t"
                        + e.sources().stream().map(AssignmentSource::name).collect(Collectors.joining(",")));
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "decide", mixinStandardHelpOptions = true,
            description = "Accepts or rejects one flagged pair: all its assignment rows, and rows later runs add.")
    static class Decide extends Base {
        @Option(names = "--dataset", required = true, paramLabel = "NAME")
        String dataset;

        @Option(names = "--image", required = true, paramLabel = "PATH_OR_ID")
        String image;

        @Option(names = "--tag", required = true, paramLabel = "T")
        String tag;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Verdict verdict;

        @Option(names = "--user", defaultValue = "admin", paramLabel = "NAME",
                description = "Who decides; needs the ANNOTATOR role. Default ${DEFAULT-VALUE}.")
        String user;

        Decide(PairReview review) {
            super(review);
        }

        @Override
        public Integer call() {
            PairReview review = review();
            int datasetId = review.datasetId(dataset);
            long imageId = review.imageId(datasetId, image);
            int tagId = review.tagId(tag);
            Reviewer reviewer = review.reviewer(user, ANNOTATOR);
            long pair = review.flaggedPair(imageId, tagId);
            long decision = review.decide(reviewer.id(), pair, verdict.decision());
            out().printf("decision %d: %s '%s' on image %d (pair %d)%n", decision,
                    verdict.decision() == Decision.ACCEPT ? "accepted" : "rejected", tag, imageId, pair);
            out().flush();
            return 0;
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "The bulk decision: the majority decision of the reviewed sample for every remaining flag "
                    + "of a tag and rule, recorded with the estimate, undone as one step.")
    static class Apply extends Base {
        @Option(names = "--dataset", required = true, paramLabel = "NAME")
        String dataset;

        @Option(names = "--tag", required = true, paramLabel = "T")
        String tag;

        @Option(names = "--rule", required = true, paramLabel = "R")
        String rule;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Verdict verdict;

        @Option(names = "--user", required = true, paramLabel = "NAME", description = "Needs the CURATOR role.")
        String user;

        @Option(names = "--min-reviewed", defaultValue = "30", paramLabel = "N",
                description = "Pairs that must have been reviewed one by one first. Default ${DEFAULT-VALUE}.")
        int minReviewed;

        Apply(PairReview review) {
            super(review);
        }

        @Override
        public Integer call() {
            PairReview review = review();
            int datasetId = review.datasetId(dataset);
            int tagId = review.tagId(tag);
            FlagRule flagRule = PairReview.rule(rule);
            Reviewer reviewer = review.reviewer(user, CURATOR);
            long bulk = review.applyBulk(reviewer.id(), datasetId, tagId, flagRule, verdict.decision(), minReviewed);
            DecisionRecord made = review.history(datasetId, 20).stream()
                    .filter(r -> Long.valueOf(bulk).equals(r.bulkId())).findFirst().orElseThrow();
            out().printf("bulk decision %d: %s %d %s flags of '%s' (%s)%n", bulk,
                    verdict.decision() == Decision.ACCEPT ? "accepted" : "rejected", made.pairs(), flagRule.name(), tag,
                    made.estimate());
            out().flush();
            return 0;
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Per tag and rule, TSV: flagged, waiting, reviewed, rejected, rejected share and its 95% "
                    + "Wilson interval, pairs settled by bulk decisions.")
    static class Stats extends Base {
        @Option(names = "--dataset", required = true, paramLabel = "NAME")
        String dataset;

        Stats(PairReview review) {
            super(review);
        }

        @Override
        public Integer call() {
            PairReview review = review();
            List<RuleStats> all = review.stats(review.datasetId(dataset), null, null);
            PrintWriter out = out();
            out.println("tag\trule\tflagged\twaiting\treviewed\trejected\trejected_share\tinterval_low\tinterval_high\tbulk_decided");
            for (RuleStats s : all) {
                WilsonInterval interval = s.rejectedInterval();
                out.printf(Locale.ROOT, "%s\t%s\t%d\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t%d%n", s.tagName(), s.rule().name(),
                        s.flagged(), s.waiting(), s.reviewed(), s.rejected(), s.rejectedShare(), interval.low(),
                        interval.high(), s.bulkDecided());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "undo", mixinStandardHelpOptions = true,
            description = "Undoes the user's latest decision (a single or a bulk one), or one bulk decision by id.")
    static class Undo extends Base {
        @Option(names = "--user", required = true, paramLabel = "NAME")
        String user;

        @Option(names = "--bulk", paramLabel = "ID", description = "A bulk decision's id; needs the CURATOR role.")
        Long bulk;

        Undo(PairReview review) {
            super(review);
        }

        @Override
        public Integer call() {
            PairReview review = review();
            Reviewer reviewer = review.reviewer(user, bulk == null ? ANNOTATOR : CURATOR);
            List<Long> pairs = bulk == null ? review.undoLast(reviewer.id()) : review.undoBulk(bulk);
            out().println(pairs.isEmpty() ? "nothing to undo" : "undone: " + pairs.size() + " pair(s) flagged again");
            out().flush();
            return 0;
        }
    }
}
