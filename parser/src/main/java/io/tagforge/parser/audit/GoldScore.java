package io.tagforge.parser.audit;

import io.tagforge.parser.caption.Mention;
import io.tagforge.parser.caption.ParsedCaption;
import io.tagforge.parser.service.ParseService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The gold's judged rows against the current parser: each caption parsed again, each judged span compared with
 * the tags the parser emits there now.
 */
public final class GoldScore {

    /** What became of a judged row. */
    public enum Outcome {
        /** the judged tag, judged correct, or another tag the row accepts */
        CORRECT,
        /** the judged tag, judged wrong, or any tag where the row accepts none */
        WRONG,
        /** a tag the row neither judged nor accepts: needs judging, counted in no precision */
        CHANGED,
        /** no tag at the span any more, where the judged one was correct */
        DROPPED_CORRECT,
        /** no tag at the span any more, where the judged one was wrong */
        DROPPED_WRONG
    }

    /** One judged row, what the parser emits over its span now, and the outcome. */
    public record Scored(GoldRow row, List<String> emitted, Outcome outcome) {
    }

    /** Counts of outcomes; precision over correct and wrong only. */
    public record Tally(int correct, int wrong, int changed, int droppedCorrect, int droppedWrong) {

        public double precision() {
            return correct + wrong == 0 ? Double.NaN : (double) correct / (correct + wrong);
        }

        public int judged() {
            return correct + wrong + changed + droppedCorrect + droppedWrong;
        }
    }

    private final List<Scored> scored;

    private GoldScore(List<Scored> scored) {
        this.scored = scored;
    }

    /** Parses every judged row's caption with {@code service} and scores the row; unjudged rows are skipped. */
    public static GoldScore score(List<GoldRow> rows, ParseService service) {
        List<GoldRow> judged = rows.stream().filter(GoldRow::judged).toList();
        List<ParsedCaption> parsed = service.parseAll(judged.stream().map(GoldRow::caption).toList());
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < judged.size(); i++) {
            GoldRow row = judged.get(i);
            List<String> emitted = emittedOver(row, parsed.get(i).mentions());
            scored.add(new Scored(row, emitted, outcome(row, emitted)));
        }
        return new GoldScore(scored);
    }

    /** The tag names of the caption's tags (mentions neither negated nor out of vocabulary) overlapping the span. */
    static List<String> emittedOver(GoldRow row, List<Mention> mentions) {
        return mentions.stream()
                .filter(m -> m.isTag() && m.start() < row.end() && row.start() < m.end())
                .map(m -> m.tag().tagName())
                .distinct()
                .toList();
    }

    static Outcome outcome(GoldRow row, List<String> emitted) {
        boolean wasCorrect = row.verdict() == GoldRow.Verdict.CORRECT;
        if (emitted.isEmpty()) {
            return wasCorrect ? Outcome.DROPPED_CORRECT : Outcome.DROPPED_WRONG;
        }
        if (emitted.contains(row.tag())) {
            return wasCorrect ? Outcome.CORRECT : Outcome.WRONG;
        }
        if (emitted.stream().anyMatch(row.accept()::contains)) {
            return Outcome.CORRECT;
        }
        return row.accept().isEmpty() ? Outcome.WRONG : Outcome.CHANGED;
    }

    /** The rows still scored wrong, one line each (id, split, rule, surface → tag, the judge's reason, caption). */
    public String wrongRows() {
        StringBuilder out = new StringBuilder();
        for (Scored s : scored) {
            if (s.outcome() == Outcome.WRONG) {
                GoldRow r = s.row();
                out.append(String.format(Locale.ROOT, "%d\t%s\t%s\t%s → %s\t%s\t%s%n", r.id(), r.split(), r.rule(),
                        r.surface(), String.join("|", s.emitted()), r.reason(), r.caption()));
            }
        }
        return out.toString();
    }

    public List<Scored> scored() {
        return scored;
    }

    public Tally tally(Predicate<GoldRow> rows) {
        int[] counts = new int[Outcome.values().length];
        scored.stream().filter(s -> rows.test(s.row())).forEach(s -> counts[s.outcome().ordinal()]++);
        return new Tally(counts[0], counts[1], counts[2], counts[3], counts[4]);
    }

    /**
     * Per split: precision over all tags (the uniform stratum), over WordNet-rule mentions (both strata), per
     * rule (both strata) and per corpus (uniform stratum); then the rows whose tag changed and needs judging.
     */
    public String report() {
        StringBuilder out = new StringBuilder();
        for (String split : new TreeSet<>(scored.stream().map(s -> s.row().split()).toList())) {
            Predicate<GoldRow> inSplit = r -> r.split().equals(split);
            Predicate<GoldRow> uniform = inSplit.and(r -> r.stratum().equals(GoldRow.UNIFORM));
            Map<String, Predicate<GoldRow>> groups = new LinkedHashMap<>();
            groups.put("all tags (uniform stratum)", uniform);
            groups.put("WordNet rules (both strata)", inSplit.and(GoldRow::wordNetRule));
            for (String rule : new TreeSet<>(scored.stream().map(s -> s.row().rule()).toList())) {
                groups.put("rule " + rule, inSplit.and(r -> r.rule().equals(rule)));
            }
            for (String corpus : new TreeSet<>(scored.stream().map(s -> s.row().corpus()).toList())) {
                groups.put("corpus " + corpus + " (uniform)", uniform.and(r -> r.corpus().equals(corpus)));
            }
            out.append("split ").append(split).append('\n');
            out.append("| group | precision | correct | wrong | changed | dropped correct | dropped wrong |\n");
            out.append("|---|---|---|---|---|---|---|\n");
            groups.forEach((name, rows) -> {
                Tally t = tally(rows);
                if (t.judged() > 0) {
                    out.append(String.format(Locale.ROOT, "| %s | %.3f | %d | %d | %d | %d | %d |%n", name,
                            t.precision(), t.correct(), t.wrong(), t.changed(), t.droppedCorrect(), t.droppedWrong()));
                }
            });
            out.append('\n');
        }
        List<Scored> changed = scored.stream().filter(s -> s.outcome() == Outcome.CHANGED).toList();
        if (!changed.isEmpty()) {
            out.append("changed, needs judging (id, split, surface, judged tag → emitted now, caption):\n");
            for (Scored s : changed) {
                GoldRow r = s.row();
                out.append(String.format(Locale.ROOT, "%d\t%s\t%s\t%s → %s\t%s%n", r.id(), r.split(), r.surface(),
                        r.tag(), String.join("|", s.emitted()), r.caption()));
            }
        }
        return out.toString();
    }
}
