package io.tagforge.labelsystem.mapping;

import java.util.List;

/**
 * A surface form that reached a tag in a dataset's parse: the rule, how many mentions, a few example captions, the
 * curated mapping that blocks it now, if any, and the WordNet sense key its surface is pinned to, if any (the
 * observation is from the last parse).
 */
public record ObservedMapping(String surface, int tagId, String tagName, String rule, long mentions,
                              List<String> examples, Long blockedBy, String pinnedSense) {

    public boolean blocked() {
        return blockedBy != null;
    }
}
