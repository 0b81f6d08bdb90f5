package io.tagforge.curation.review;

import io.tagforge.engine.review.QueueEntry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Everything the review screen shows for one image–tag pair: the captions (those the pair was parsed from
 * marked), the names of the tag to highlight in them, every region of the tag on the image, the flag's evidence,
 * and the most typical crops of the flagged region's cluster.
 */
public record ReviewItem(QueueEntry entry, ImageRef image, List<CaptionLine> captions, List<String> tagForms,
                         List<Box> regions, String evidenceJson, List<Crop> typicalCrops) {

    /** A caption of the image; {@code source}: the pair's tag was parsed from it. */
    public record CaptionLine(String text, boolean source) {
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

    /** The region the flag is about, or null: the most outlying one, else the best scored (regions come best first). */
    public Box flaggedRegion() {
        return flaggedRegion(regions);
    }

    static Box flaggedRegion(List<Box> regions) {
        return regions.stream().filter(b -> b.outlierPercentile() != null)
                .max(java.util.Comparator.comparing(Box::outlierPercentile))
                .orElse(regions.isEmpty() ? null : regions.get(0));
    }
}
