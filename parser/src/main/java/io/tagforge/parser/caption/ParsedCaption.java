package io.tagforge.parser.caption;

import io.tagforge.labelsystem.tag.TagKind;
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
        return tags(null);
    }

    /** The tags of the non-negated mentions of one kind (objects and scenes, say), or of all when kind is null. */
    public List<TagMatch> tags(TagKind kind) {
        List<TagMatch> tags = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (Mention m : mentions) {
            if (m.isTag() && (kind == null || m.kind() == kind) && seen.add(m.tag().tagId())) {
                tags.add(m.tag());
            }
        }
        return tags;
    }
}
