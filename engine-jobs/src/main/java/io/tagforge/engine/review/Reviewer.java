package io.tagforge.engine.review;

/** A user who decides: id of table app_user, and name. */
public record Reviewer(int id, String name) {
}
