package io.tagforge.parser.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The baseline the parser must beat: every tag name found in the caption between word boundaries, case
 * ignored. No parse, no lemmas, no negation. {@link #withPlurals} also accepts a regular plural ("dogs",
 * "benches"): a stronger baseline, reported beside the plain one.
 */
public final class NaiveTagMatcher {

    private final List<String> names;
    private final List<Pattern> patterns;

    private NaiveTagMatcher(List<String> tagNames, String suffix) {
        this.names = List.copyOf(tagNames);
        this.patterns = tagNames.stream()
                .map(n -> Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(n) + suffix + "(?![\\p{L}\\p{N}])",
                        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
                .toList();
    }

    public static NaiveTagMatcher wordBoundaries(List<String> tagNames) {
        return new NaiveTagMatcher(tagNames, "");
    }

    public static NaiveTagMatcher withPlurals(List<String> tagNames) {
        return new NaiveTagMatcher(tagNames, "(?:s|es)?");
    }

    public List<String> tags(String caption) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            if (patterns.get(i).matcher(caption).find()) {
                found.add(names.get(i));
            }
        }
        return found;
    }
}
