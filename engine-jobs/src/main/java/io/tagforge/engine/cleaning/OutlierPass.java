package io.tagforge.engine.cleaning;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagforge.engine.bulk.StagedRows;
import io.tagforge.engine.kmeans.OutlierRanking;
import io.tagforge.labelsystem.assignment.FlagRule;
import io.tagforge.labelsystem.error.TagforgeException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Phase 2 of cleaning, one category at a time: K-Means++ over the features of all its regions in the
 * dataset, each region's distance to the nearest centroid and its percentile stored on the region, and the
 * tag of an image flagged OUTLIER_REGION when its best (highest-scoring) region is among the outliers.
 * {@link #rank} does a whole category in one JVM; a category too big for that (the Spark stage) is clustered on a
 * sample ({@link #fitSample}), scored range by range ({@link #score}), ranked by distance over all its regions, and
 * flagged image by image ({@link #flag}) by the same rule. Serializable: Spark tasks carry it.
 */
public final class OutlierPass implements Serializable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The tag's embedded regions in the dataset with ids in a range, in an order that does not depend on region ids. */
    private static final String REGIONS = """
            SELECT r.id, r.image_id, r.source, r.score, r.x1, r.y1, r.x2, r.y2, e.vector
              FROM region r JOIN image i ON i.id = r.image_id AND i.dataset_id = ?
              JOIN region_embedding e ON e.region_id = r.id AND e.model = ?
             WHERE r.tag_id = ? AND r.id >= ? AND r.id < ? %s
             ORDER BY r.image_id, r.source, r.x1, r.y1, r.x2, r.y2""";

    private final int datasetId;
    private final String embedderName;
    private final int k;
    private final double outlierFraction;
    private final long seed;
    private final boolean recheck;

    public OutlierPass(int datasetId, String embedderName, CleaningRequest request) {
        this.datasetId = datasetId;
        this.embedderName = embedderName;
        this.k = request.k();
        this.outlierFraction = request.outlierFraction();
        this.seed = request.seed();
        this.recheck = request.recheck();
    }

    /** An embedded region of the category, {@code box} normalized x1, y1, x2, y2. */
    public record Region(long id, long imageId, String source, float score, float[] box) implements Serializable {
    }

    /** A region measured to the centroids: its cluster and distance, and its rank by distance among the category's. */
    public record Ranked(Region region, int cluster, float distance, double percentile, boolean outlier)
            implements Serializable {
    }

    /** The results of a category or of some of its images, written by {@link #write}; empty when it has fewer than two regions. */
    public static final class Result {
        final StagedRows ranks = new StagedRows("clean_rank",
                "region_id bigint, cluster int, distance real, percentile real");
        final Flags flags = new Flags();
        int regions;

        /** What a whole category's result adds to the job's counts. */
        public Map<String, Long> counts() {
            return Map.of("categories_clustered", regions >= 2 ? 1L : 0L,
                    "categories_too_few_regions", regions < 2 ? 1L : 0L,
                    "flags_outlier_region", outlierFlags());
        }

        public long outlierFlags() {
            return flags.count(FlagRule.OUTLIER_REGION);
        }
    }

    /** The whole category in this JVM: K-Means++ over all its regions. */
    public Result rank(Connection c, int tagId) throws SQLException {
        List<Region> regions = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        regions(c, tagId, Long.MIN_VALUE, Long.MAX_VALUE, regions, vectors);
        if (regions.size() < 2) {
            Result result = new Result();
            result.regions = regions.size();
            return result;
        }
        int dim = vectors.get(0).length;
        OutlierRanking.Ranking ranking = OutlierRanking.rank(features(regions, vectors, dim), dim, k, outlierFraction,
                seed);
        List<Ranked> ranked = new ArrayList<>();
        for (int i = 0; i < regions.size(); i++) {
            ranked.add(new Ranked(regions.get(i), ranking.cluster()[i], ranking.distance()[i], ranking.percentile()[i],
                    ranking.outlier()[i]));
        }
        return flag(tagId, regions.size(), ranked);
    }

    /** The category's embedded regions. */
    public int regionCount(Connection c, int tagId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT count(*) FROM region r JOIN image i ON i.id = r.image_id AND i.dataset_id = ?
                  JOIN region_embedding e ON e.region_id = r.id AND e.model = ? WHERE r.tag_id = ?""")) {
            ps.setInt(1, datasetId);
            ps.setString(2, embedderName);
            ps.setInt(3, tagId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * K-Means++ on a seeded sample of {@code sampleSize} of the category's regions (a hash of the seed and each
     * region's image and box picks them, so a rerun picks the same), for a category too big to cluster whole.
     */
    public OutlierRanking.Centroids fitSample(Connection c, int tagId, int sampleSize) throws SQLException {
        List<Region> regions = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(REGIONS.formatted("""
                AND r.id IN (SELECT r.id FROM region r JOIN image i ON i.id = r.image_id AND i.dataset_id = ?
                               JOIN region_embedding e ON e.region_id = r.id AND e.model = ?
                              WHERE r.tag_id = ?
                              ORDER BY md5(? || ':' || r.image_id || ':' || r.source || ':' || r.x1 || ':' || r.y1
                                           || ':' || r.x2 || ':' || r.y2), r.id
                              LIMIT ?)"""))) {
            bindRegions(ps, tagId, Long.MIN_VALUE, Long.MAX_VALUE);
            ps.setInt(6, datasetId);
            ps.setString(7, embedderName);
            ps.setInt(8, tagId);
            ps.setLong(9, seed);
            ps.setInt(10, sampleSize);
            readRegions(ps, regions, vectors);
        }
        int dim = vectors.get(0).length;
        return OutlierRanking.fit(features(regions, vectors, dim), dim, k, seed);
    }

    /** The category's regions with ids in {@code [fromId, toId)}, each measured to its nearest populated centroid. */
    public List<Ranked> score(Connection c, int tagId, long fromId, long toId, OutlierRanking.Centroids centroids)
            throws SQLException {
        List<Region> regions = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        regions(c, tagId, fromId, toId, regions, vectors);
        List<Ranked> scored = new ArrayList<>();
        for (int i = 0; i < regions.size(); i++) {
            float[] v = vectors.get(i);
            if (v.length != centroids.dim()) {
                throw mismatch(regions.get(i), v.length, centroids.dim());
            }
            int cluster = centroids.nearest(v, 0);
            scored.add(new Ranked(regions.get(i), cluster, centroids.distance(v, 0, cluster), 0, false));
        }
        return scored;
    }

    /** {@code scored} ranked 0-based by distance among the category's {@code n} regions. */
    public Ranked ranked(Ranked scored, long rank, long n) {
        return new Ranked(scored.region(), scored.cluster(), scored.distance(), OutlierRanking.percentile(rank, n),
                OutlierRanking.isOutlier(rank, n, outlierFraction));
    }

    /**
     * The rank rows of {@code ranked} and the OUTLIER_REGION flags of their images: an image's tag is flagged when its
     * best region is an outlier. {@code ranked} holds all the category's regions of its images, an image's regions
     * together and in the category's region order; {@code regionsOfTag} is the category's region count.
     */
    public Result flag(int tagId, int regionsOfTag, List<Ranked> ranked) {
        Result result = new Result();
        result.regions = regionsOfTag;
        Map<Long, List<Ranked>> byImage = new LinkedHashMap<>();
        for (Ranked r : ranked) {
            result.ranks.add(r.region().id(), r.cluster(), r.distance(), (float) r.percentile());
            byImage.computeIfAbsent(r.region().imageId(), image -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<Long, List<Ranked>> image : byImage.entrySet()) {
            Ranked best = image.getValue().get(0);
            ArrayNode boxes = JSON.createArrayNode();
            for (Ranked r : image.getValue()) {
                if (r.region().score() > best.region().score()) {
                    best = r;
                }
                float[] b = r.region().box();
                ObjectNode box = boxes.addObject().put("score", r.region().score())
                        .put("distance", r.distance()).put("distance_percentile", r.percentile())
                        .put("cluster", r.cluster());
                box.putArray("box").add(b[0]).add(b[1]).add(b[2]).add(b[3]);
            }
            if (best.outlier()) {
                ObjectNode evidence = JSON.createObjectNode()
                        .put("score", best.region().score())
                        .put("distance", best.distance())
                        .put("distance_percentile", best.percentile())
                        .put("cluster", best.cluster())
                        .put("regions_of_tag", regionsOfTag)
                        .put("k", k)
                        .put("outlier_fraction", outlierFraction)
                        .put("embedder", embedderName);
                evidence.set("boxes", boxes);
                result.flags.add(image.getKey(), tagId, FlagRule.OUTLIER_REGION, evidence);
            }
        }
        return result;
    }

    public void write(Connection c, Result result, long jobId) throws SQLException {
        if (!result.ranks.isEmpty()) {
            result.ranks.copy(c);
            try (PreparedStatement ps = c.prepareStatement("UPDATE region r SET cluster = s.cluster, "
                    + "distance = s.distance, outlier_percentile = s.percentile FROM clean_rank s WHERE r.id = s.region_id")) {
                ps.executeUpdate();
            }
        }
        result.flags.apply(c, datasetId, jobId, recheck);
    }

    private void regions(Connection c, int tagId, long fromId, long toId, List<Region> regions, List<float[]> vectors)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(REGIONS.formatted(""))) {
            bindRegions(ps, tagId, fromId, toId);
            readRegions(ps, regions, vectors);
        }
    }

    private void bindRegions(PreparedStatement ps, int tagId, long fromId, long toId) throws SQLException {
        ps.setInt(1, datasetId);
        ps.setString(2, embedderName);
        ps.setInt(3, tagId);
        ps.setLong(4, fromId);
        ps.setLong(5, toId);
    }

    private static void readRegions(PreparedStatement ps, List<Region> regions, List<float[]> vectors)
            throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                byte[] bytes = rs.getBytes(9);
                float[] vector = new float[bytes.length / Float.BYTES];
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
                regions.add(new Region(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getFloat(4),
                        new float[] {rs.getFloat(5), rs.getFloat(6), rs.getFloat(7), rs.getFloat(8)}));
                vectors.add(vector);
            }
        }
    }

    private static float[] features(List<Region> regions, List<float[]> vectors, int dim) {
        float[] features = new float[regions.size() * dim];
        for (int i = 0; i < regions.size(); i++) {
            float[] v = vectors.get(i);
            if (v.length != dim) {
                throw mismatch(regions.get(i), v.length, dim);
            }
            System.arraycopy(v, 0, features, i * dim, dim);
        }
        return features;
    }

    private static TagforgeException mismatch(Region region, int length, int dim) {
        return new TagforgeException("region " + region.id() + ": embedding of " + length
                + " values, the other regions of its tag have " + dim);
    }
}
