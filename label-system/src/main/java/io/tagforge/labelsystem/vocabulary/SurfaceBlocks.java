package io.tagforge.labelsystem.vocabulary;

import io.tagforge.labelsystem.mapping.MappingAction;
import io.tagforge.labelsystem.mapping.SurfaceMapping;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The curated blocks by surface key: which tags a surface never stands for, however it reaches them, through its
 * own entry or a base form ("ground" is no grind, though it is grind's past tense; "teeth" no bone through tooth).
 */
final class SurfaceBlocks {

    /** the blocked tag names (lower case) per surface key; an empty set blocks every tag */
    private final Map<String, Set<String>> blocked = new HashMap<>();

    SurfaceBlocks(List<SurfaceMapping> mappings) {
        for (SurfaceMapping mapping : mappings) {
            if (mapping.action() == MappingAction.BLOCK) {
                Set<String> names = blocked.computeIfAbsent(SurfaceKey.of(mapping.surface()), k -> new HashSet<>());
                if (mapping.tagName() == null) {
                    names.clear();
                    names.add(null);
                } else if (!names.contains(null)) {
                    names.add(mapping.tagName().toLowerCase(Locale.ROOT));
                }
            }
        }
    }

    /** the matches of {@code key} its blocks leave */
    List<TagMatch> filter(String key, List<TagMatch> matches) {
        return blocked.containsKey(key) ? matches.stream().filter(m -> !blocks(key, m.tagName())).toList() : matches;
    }

    boolean blocks(String key, String tagName) {
        Set<String> names = blocked.get(key);
        return names != null && (names.contains(null) || names.contains(tagName.toLowerCase(Locale.ROOT)));
    }

    Set<String> keys() {
        return blocked.keySet();
    }
}
