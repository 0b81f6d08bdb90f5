package io.tagforge.engine.regions;

import io.tagforge.engine.bulk.StagedRows;
import io.tagforge.engine.images.DatasetImages;
import io.tagforge.labelsystem.transaction.Transactions;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Imports detections made elsewhere (COCO results format) into table region, in one transaction: all of
 * a file or nothing. Images are matched by their external id (the COCO image id), categories by tag name;
 * pixel boxes are normalized by the image's size (from the image row, else the file's header). Skipped and
 * counted: unknown images, unknown categories, boxes of zero width or height. A rerun adds nothing.
 */
public final class RegionImport {

    /** What an import did: regions added, and the skips by reason. */
    public record Result(long detections, long added, Map<String, Long> skipped) {
    }

    private record ImageSize(long id, int width, int height) {
    }

    private RegionImport() {
    }

    public static Result run(Transactions transactions, String dataset, Path file, Path categoriesFile, String source) {
        Map<Integer, String> categoryNames = categoriesFile == null ? null : CocoDetections.categoryNames(categoriesFile);
        return transactions.run("region import", c -> {
            DatasetImages images = DatasetImages.find(c, dataset);
            Map<String, ImageSize> sizes = imageSizes(c, images);
            Map<String, Integer> tags = tagIds(c);
            StagedRows rows = new StagedRows("region_import", "image_id bigint, tag_id int, x1 real, y1 real, "
                    + "x2 real, y2 real, score real");
            Map<String, Long> skipped = new TreeMap<>();
            long[] detections = {0};
            CocoDetections.read(file, categoryNames, d -> {
                detections[0]++;
                ImageSize image = sizes.get(d.imageId());
                Integer tag = tags.get(d.category().toLowerCase(Locale.ROOT));
                String skip = image == null ? "unknown_image" : tag == null ? "unknown_category"
                        : image.width() <= 0 ? "image_size_unknown"
                        : d.w() <= 0 || d.h() <= 0 ? "boxes_zero_size" : null;
                if (skip != null) {
                    skipped.merge(skip, 1L, Long::sum);
                    return;
                }
                rows.add(image.id(), tag, clamp(d.x() / image.width()), clamp(d.y() / image.height()),
                        clamp((d.x() + d.w()) / image.width()), clamp((d.y() + d.h()) / image.height()), d.score());
            });
            long added = 0;
            if (!rows.isEmpty()) {
                rows.copy(c);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO region (image_id, tag_id, x1, y1, x2, "
                        + "y2, score, source) SELECT image_id, tag_id, x1, y1, x2, y2, score, ? FROM region_import "
                        + "WHERE x1 < x2 AND y1 < y2 ON CONFLICT DO NOTHING")) {
                    ps.setString(1, source);
                    added = ps.executeUpdate();
                }
            }
            return new Result(detections[0], added, skipped);
        });
    }

    private static float clamp(double v) {
        return (float) Math.max(0, Math.min(1, v));
    }

    /** External id → image id and size; a size missing from the row is read from the file's header. */
    private static Map<String, ImageSize> imageSizes(Connection c, DatasetImages images) throws SQLException {
        Map<String, ImageSize> sizes = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, external_id, path, width, height FROM image "
                + "WHERE dataset_id = ? AND external_id IS NOT NULL")) {
            ps.setInt(1, images.datasetId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int width = rs.getInt(4);
                    int height = rs.getInt(5);
                    if (width <= 0 || height <= 0) {
                        int[] header = header(images.file(rs.getString(3)));
                        width = header[0];
                        height = header[1];
                    }
                    sizes.put(rs.getString(2), new ImageSize(rs.getLong(1), width, height));
                }
            }
        }
        return sizes;
    }

    /** Width and height from the image file's header, or {0, 0} when it cannot be read. */
    private static int[] header(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return new int[2];
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            return new int[2];
        }
    }

    private static Map<String, Integer> tagIds(Connection c) throws SQLException {
        Map<String, Integer> ids = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT lower(name), id FROM tag WHERE NOT deprecated ORDER BY kind DESC, id DESC");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.put(rs.getString(1), rs.getInt(2));
            }
        }
        return ids;
    }
}
