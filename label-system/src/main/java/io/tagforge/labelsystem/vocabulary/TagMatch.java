package io.tagforge.labelsystem.vocabulary;

import io.tagforge.labelsystem.tag.TagKind;

/** One tag a surface form resolved to, and why. */
public record TagMatch(int tagId, String tagName, TagKind kind, MatchRule rule) {
}
