package io.tagforge.labelsystem.builder;

import io.tagforge.labelsystem.tag.TagKind;

/**
 * A candidate tag name: how often the parser found it (mentions) and in how many images, and whether an
 * external list names it (such names join the vocabulary whatever their count).
 */
public record Candidate(String name, TagKind kind, long mentions, long images, boolean listed) {
}
