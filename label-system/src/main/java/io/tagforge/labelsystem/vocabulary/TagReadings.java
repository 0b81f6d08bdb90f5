package io.tagforge.labelsystem.vocabulary;

import io.tagforge.labelsystem.ramformat.Tag2TextTagList;
import io.tagforge.labelsystem.tag.TagKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The kinds a tag name is meant as, from Tag2Text's list (RAM's 4,585 names do not say): "fall" is the action,
 * not the autumn, so "a fallen tree" read as an attribute reaches no fall. A name the list lacks fits every
 * reading.
 */
public final class TagReadings {

    public static final String TAG2TEXT_FILE = "tag2text_ori_tag_list.txt";

    private static final TagReadings NONE = new TagReadings(Map.of());

    private final Map<String, Set<TagKind>> kinds;

    private TagReadings(Map<String, Set<TagKind>> kinds) {
        this.kinds = kinds;
    }

    /** Every name fits every reading. */
    public static TagReadings none() {
        return NONE;
    }

    /** From {@code dir}/tag2text_ori_tag_list.txt, or none when the folder has no such list. */
    public static TagReadings in(Path dir) {
        Path file = dir.resolve(TAG2TEXT_FILE);
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        Tag2TextTagList list = Tag2TextTagList.read(file);
        Map<String, Set<TagKind>> kinds = new HashMap<>();
        for (int i = 0; i < list.kinds().size(); i++) {
            kinds.computeIfAbsent(SurfaceKey.of(list.names().lines().get(i)), k -> EnumSet.noneOf(TagKind.class))
                    .add(list.kinds().get(i));
        }
        return new TagReadings(Map.copyOf(kinds));
    }

    /** Whether the tag may stand for a word read as {@code reading} (a noun, a modifier, a verb). */
    public boolean fits(String tagName, TagKind reading) {
        Set<TagKind> meant = kinds.get(SurfaceKey.of(tagName));
        return meant == null || meant.contains(reading);
    }
}
