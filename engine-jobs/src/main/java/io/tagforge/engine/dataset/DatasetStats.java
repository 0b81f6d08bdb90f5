package io.tagforge.engine.dataset;

/** A dataset with its counts, as {@code ./tagforge datasets} and the UI's datasets view show it; flagged: pairs waiting for review. */
public record DatasetStats(int id, String name, String format, String imageRoot, long images, long missingImages,
                           long captions, long generatedCaptions, long tagAssignments, long flagged) {
}
