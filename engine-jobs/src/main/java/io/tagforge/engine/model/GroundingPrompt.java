package io.tagforge.engine.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One Grounding-DINO text prompt, {@code [CLS] dog . couch . fire hydrant . [SEP]} as token ids (the tokens of
 * "dog . couch . fire hydrant ."), and the token span [start, end) of each phrase.
 */
record GroundingPrompt(List<String> phrases, long[] ids, int[] starts, int[] ends) {

    /**
     * The phrases (duplicates ignored, case-insensitively) in as few prompts of at most {@code maxTokens}
     * tokens as filling them in order gives: one model run per prompt. A phrase too long for a prompt of its
     * own is refused; {@link GroundingDino#knows} says which fit.
     */
    static List<GroundingPrompt> pack(List<String> phrases, PhraseTokenizer tokenizer, int maxTokens) {
        List<GroundingPrompt> prompts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Builder current = new Builder(tokenizer);
        for (String phrase : phrases) {
            if (!seen.add(phrase.toLowerCase(Locale.ROOT).strip())) {
                continue;
            }
            long[] ids = tokenizer.ids(phrase);
            if (ids.length == 0 || ids.length + 3 > maxTokens) {
                throw new IllegalArgumentException("'" + phrase + "' is " + ids.length + " tokens, a prompt holds "
                        + maxTokens + " with [CLS], '.' and [SEP]; ask knows() first");
            }
            if (current.length + ids.length + 2 > maxTokens) {
                prompts.add(current.build());
                current = new Builder(tokenizer);
            }
            current.add(phrase, ids);
        }
        if (!current.phrases.isEmpty()) {
            prompts.add(current.build());
        }
        return prompts;
    }

    int length() {
        return ids.length;
    }

    /** The prompt as text, as Grounding-DINO's own processor would write it. */
    String text() {
        StringBuilder text = new StringBuilder();
        phrases.forEach(p -> text.append(p.toLowerCase(Locale.ROOT)).append(" . "));
        return text.toString().strip();
    }

    private static final class Builder {
        private final PhraseTokenizer tokenizer;
        private final List<String> phrases = new ArrayList<>();
        private final List<int[]> spans = new ArrayList<>();
        private long[] ids = new long[16];
        private int length;

        Builder(PhraseTokenizer tokenizer) {
            this.tokenizer = tokenizer;
            append(tokenizer.cls);
        }

        void add(String phrase, long[] tokens) {
            int start = length;
            for (long id : tokens) {
                append(id);
            }
            phrases.add(phrase);
            spans.add(new int[] {start, length});
            append(tokenizer.separator);
        }

        GroundingPrompt build() {
            append(tokenizer.sep);
            return new GroundingPrompt(List.copyOf(phrases), Arrays.copyOf(ids, length),
                    spans.stream().mapToInt(s -> s[0]).toArray(), spans.stream().mapToInt(s -> s[1]).toArray());
        }

        private void append(long id) {
            if (length == ids.length) {
                ids = Arrays.copyOf(ids, 2 * length);
            }
            ids[length++] = id;
        }
    }
}
