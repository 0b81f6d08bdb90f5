package io.tagforge.labelsystem.ramformat;

import io.tagforge.labelsystem.tag.TagKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tag2Text's {@code tag2text_ori_tag_list.txt}: 3,429 names, the first 3,012 objects and scenes, the next 240
 * actions, the last 177 attributes. A name may repeat across kinds ("clean" is an action and an attribute),
 * never within one.
 */
public record Tag2TextTagList(TextLines names, List<TagKind> kinds) {

    public static final int OBJECTS = 3012;
    public static final int ACTIONS = 240;
    public static final int ATTRIBUTES = 177;

    public static Tag2TextTagList read(Path file) {
        TextLines names = TextLines.read(file);
        int expected = OBJECTS + ACTIONS + ATTRIBUTES;
        if (names.lines().size() != expected) {
            throw TagListException.in(file, "has " + names.lines().size() + " lines, Tag2Text's list has " + expected
                    + " (" + OBJECTS + " objects/scenes, " + ACTIONS + " actions, " + ATTRIBUTES + " attributes)");
        }
        List<TagKind> kinds = new ArrayList<>(expected);
        for (int i = 0; i < expected; i++) {
            kinds.add(i < OBJECTS ? TagKind.OBJECT_SCENE : i < OBJECTS + ACTIONS ? TagKind.ACTION : TagKind.ATTRIBUTE);
        }
        TagNames.check(names, kinds);
        return new Tag2TextTagList(names, List.copyOf(kinds));
    }
}
