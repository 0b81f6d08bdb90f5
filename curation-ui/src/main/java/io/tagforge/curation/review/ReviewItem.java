package io.tagforge.curation.review;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Everything the review screen shows for one flagged assignment. */
public record ReviewItem(QueueEntry entry, ImageRef image, List<String> captions, List<Box> regions,
                         String evidenceJson, List<Crop> typicalCrops) {

    /** One row of the queue. flagRule: 0 OUTLIER_REGION, 1 NO_REGION, 2 LOW_SCORE. */
    public record QueueEntry(long assignmentId, long imageId, int datasetId, int tagId, String tagName,
                             Float score, int flagRule) {
        public String flagRuleName() {
            return switch (flagRule) {
                case 0 -> "outlier region";
                case 1 -> "no region";
                case 2 -> "low score";
                default -> "rule " + flagRule;
            };
        }
    }

    /** An image of a dataset, as the image endpoint serves it. */
    public record ImageRef(int datasetId, String path) {
        public String url() {
            if (path.startsWith("http://") || path.startsWith("https://")) {
                return path;
            }
            return "/dataset-images/" + datasetId + "?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8);
        }
    }

    /** A region in normalized coordinates (0..1, xyxy). */
    public record Box(double x1, double y1, double x2, double y2, double score, Integer cluster,
                      Float outlierPercentile) {
    }

    /** A region of some image, shown cut out. */
    public record Crop(ImageRef image, Box box) {
    }
}
