package io.tagforge.engine.review;

/** Where a queue page or claim goes on from: after this sort key and pair id. */
public record QueueCursor(double key, long pairId) {

    public static final QueueCursor START = new QueueCursor(Double.NEGATIVE_INFINITY, 0);
}
