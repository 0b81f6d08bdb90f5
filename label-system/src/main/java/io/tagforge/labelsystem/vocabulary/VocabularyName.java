package io.tagforge.labelsystem.vocabulary;

import io.tagforge.labelsystem.tag.TagKind;

/**
 * One surface form a vocabulary is built from: a tag's primary name ({@code primary}) or one of its synonyms.
 */
public record VocabularyName(int tagId, String tagName, TagKind kind, String form, boolean primary) {

    public static VocabularyName primary(int tagId, String name, TagKind kind) {
        return new VocabularyName(tagId, name, kind, name, true);
    }

    public static VocabularyName synonym(int tagId, String tagName, TagKind kind, String form) {
        return new VocabularyName(tagId, tagName, kind, form, false);
    }
}
