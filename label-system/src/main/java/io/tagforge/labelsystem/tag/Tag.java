package io.tagforge.labelsystem.tag;

/**
 * A tag as stored: its stable id, primary name, kind, class threshold, description, whether it is deprecated,
 * the tag it was merged into (or null), its version, which every change raises (optimistic locking), and
 * whether a detector can box it (proposed by detectable.Detectability; null until proposed or set).
 */
public record Tag(int id, String name, TagKind kind, float threshold, String description, boolean deprecated,
                  Integer mergedInto, int version, Boolean detectable) {
}
