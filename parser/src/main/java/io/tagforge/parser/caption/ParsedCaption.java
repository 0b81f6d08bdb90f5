package io.tagforge.parser.caption;

import io.tagforge.labelsystem.vocabulary.TagMatch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The mentions of one caption, in text order. */
public record ParsedCaption(List<Mention> mentions) {

    public static final ParsedCaption EMPTY = new ParsedCaption(List.of());

    public ParsedCaption {
        mentions = List.copyOf(mentions);
    }

    /** The caption's tags: each tag of a non-negated mention once, in order of first mention. */
    public List<TagMatch> tags() {
        List<TagMatch> tags = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (Mention m : mentions) {
            if (m.isTag() && seen.add(m.tag().tagId())) {
                tags.add(m.tag());
            }
        }
        return tags;
    }
}
