package io.tagforge.labelsystem.mapping;

/**
 * A curated surface mapping.
 *
 * @param surface the surface key (lower case, single spaces)
 * @param tagName the tag it adds or blocks; null for a block of every tag
 */
public record SurfaceMapping(long id, String surface, MappingAction action, String tagName, String note,
                             String createdBy) {
}
