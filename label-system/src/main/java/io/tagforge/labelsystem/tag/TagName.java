package io.tagforge.labelsystem.tag;

/** A surface form of a tag in one language, with where it came from. */
public record TagName(String form, String language, NameSource source) {
}
