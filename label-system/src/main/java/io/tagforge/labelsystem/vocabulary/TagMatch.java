package io.tagforge.labelsystem.vocabulary;

import io.tagforge.labelsystem.tag.TagKind;

/**
 * One tag a surface form resolved to, and why.
 *
 * @param reading for a WordNet link, the kind of word the link reads the surface as (a noun sense reads it as an
 *                object or scene, a verb sense as an action, an adjective sense as an attribute): "look" reaches
 *                a tag through the verb and must not through the noun; null for names and synonyms, which
 *                hold in any reading
 */
public record TagMatch(int tagId, String tagName, TagKind kind, MatchRule rule, TagKind reading) {

    public TagMatch(int tagId, String tagName, TagKind kind, MatchRule rule) {
        this(tagId, tagName, kind, rule, null);
    }

    /** Whether this match holds for a mention of {@code mentionKind}. */
    public boolean holdsFor(TagKind mentionKind) {
        return reading == null || reading == mentionKind;
    }
}
