package io.tagforge.parser.audit;

import java.util.List;

/**
 * One judged (or still to be judged) tag mention of the all-tags gold: a tag the parser emitted for a token span of
 * a caption, and whether it is right.
 *
 * @param split   {@code dev} (for tuning) or {@code heldout} (scored only at the end)
 * @param stratum {@code uniform} (drawn uniformly over all emitted tags) or {@code wordnet} (over WordNet-rule ones)
 * @param start   first token of the span (CoreNLP tokens of the whole caption, 0-based)
 * @param end     one past the last token
 * @param verdict the judgment of {@code tag}; null while not judged
 * @param accept  the tag names that would be right for the span; empty when no tag is
 */
public record GoldRow(int id, String split, String stratum, String corpus, String imageId, String caption, int start,
                      int end, String surface, String lemma, String kind, String tag, String rule, Verdict verdict,
                      List<String> accept, String reason) {

    public static final String UNIFORM = "uniform";

    /** A judge's verdict on the emitted tag. */
    public enum Verdict {
        CORRECT, WRONG
    }

    public boolean judged() {
        return verdict != null;
    }

    /** Whether the rule is one of WordNet's links (synonym, hyponym, hypernym back-off). */
    public boolean wordNetRule() {
        return rule.startsWith("WORDNET_") || rule.equals("HYPONYM") || rule.equals("HYPERNYM");
    }
}
