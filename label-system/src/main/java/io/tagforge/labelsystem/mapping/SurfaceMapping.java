package io.tagforge.labelsystem.mapping;

/**
 * A curated surface mapping.
 *
 * @param surface the surface key (lower case, single spaces)
 * @param tagName the tag it adds or blocks; null for a block of every tag and for a pin
 * @param senseKey the WordNet sense key a pin holds the surface to ({@code mouse%1:06:00::}); null otherwise
 */
public record SurfaceMapping(long id, String surface, MappingAction action, String tagName, String senseKey,
                             String note, String createdBy) {
}
