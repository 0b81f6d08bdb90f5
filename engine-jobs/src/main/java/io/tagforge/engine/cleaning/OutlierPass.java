package io.tagforge.engine.cleaning;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagforge.engine.bulk.StagedRows;
import io.tagforge.engine.kmeans.OutlierRanking;
import io.tagforge.labelsystem.assignment.FlagRule;
import io.tagforge.labelsystem.error.TagforgeException;
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
 */
final class OutlierPass {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int datasetId;
    private final String embedderName;
    private final CleaningRequest request;

    OutlierPass(int datasetId, String embedderName, CleaningRequest request) {
        this.datasetId = datasetId;
        this.embedderName = embedderName;
        this.request = request;
    }

    private record Region(long id, long imageId, float score, float[] box, float[] vector) {
    }

    /** The category's results, written by {@link #write}; empty when it has fewer than two regions. */
    static final class Result {
        final StagedRows ranks = new StagedRows("clean_rank",
                "region_id bigint, cluster int, distance real, percentile real");
        final Flags flags = new Flags();
        int regions;
    }

    Result rank(Connection c, int tagId) throws SQLException {
        List<Region> regions = regions(c, tagId);
        Result result = new Result();
        result.regions = regions.size();
        if (regions.size() < 2) {
            return result;
        }
        int dim = regions.get(0).vector().length;
        float[] features = new float[regions.size() * dim];
        for (int i = 0; i < regions.size(); i++) {
            float[] v = regions.get(i).vector();
            if (v.length != dim) {
                throw new TagforgeException("region " + regions.get(i).id() + ": embedding of " + v.length
                        + " values, the other regions of its tag have " + dim);
            }
            System.arraycopy(v, 0, features, i * dim, dim);
        }
        OutlierRanking.Ranking ranking = OutlierRanking.rank(features, dim, request.k(), request.outlierFraction(),
                request.seed());
        Map<Long, List<Integer>> byImage = new LinkedHashMap<>();
        for (int i = 0; i < regions.size(); i++) {
            result.ranks.add(regions.get(i).id(), ranking.cluster()[i], ranking.distance()[i],
                    (float) ranking.percentile()[i]);
            byImage.computeIfAbsent(regions.get(i).imageId(), k -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<Long, List<Integer>> image : byImage.entrySet()) {
            int best = image.getValue().get(0);
            ArrayNode boxes = JSON.createArrayNode();
            for (int i : image.getValue()) {
                if (regions.get(i).score() > regions.get(best).score()) {
                    best = i;
                }
                Region r = regions.get(i);
                ObjectNode box = boxes.addObject().put("score", r.score())
                        .put("distance", ranking.distance()[i]).put("distance_percentile", ranking.percentile()[i])
                        .put("cluster", ranking.cluster()[i]);
                box.putArray("box").add(r.box()[0]).add(r.box()[1]).add(r.box()[2]).add(r.box()[3]);
            }
            if (ranking.outlier()[best]) {
                ObjectNode evidence = JSON.createObjectNode()
                        .put("score", regions.get(best).score())
                        .put("distance", ranking.distance()[best])
                        .put("distance_percentile", ranking.percentile()[best])
                        .put("cluster", ranking.cluster()[best])
                        .put("regions_of_tag", regions.size())
                        .put("k", request.k())
                        .put("outlier_fraction", request.outlierFraction())
                        .put("embedder", embedderName);
                evidence.set("boxes", boxes);
                result.flags.add(image.getKey(), tagId, FlagRule.OUTLIER_REGION, evidence);
            }
        }
        return result;
    }

    void write(Connection c, Result result, long jobId) throws SQLException {
        if (!result.ranks.isEmpty()) {
            result.ranks.copy(c);
            try (PreparedStatement ps = c.prepareStatement("UPDATE region r SET cluster = s.cluster, "
                    + "distance = s.distance, outlier_percentile = s.percentile FROM clean_rank s WHERE r.id = s.region_id")) {
                ps.executeUpdate();
            }
        }
        result.flags.apply(c, datasetId, jobId, request.recheck());
    }

    /** The tag's embedded regions in the dataset, in an order that does not depend on region ids. */
    private List<Region> regions(Connection c, int tagId) throws SQLException {
        List<Region> regions = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT r.id, r.image_id, r.score, r.x1, r.y1, r.x2, r.y2, e.vector
                  FROM region r JOIN image i ON i.id = r.image_id AND i.dataset_id = ?
                  JOIN region_embedding e ON e.region_id = r.id AND e.model = ?
                 WHERE r.tag_id = ? ORDER BY r.image_id, r.source, r.x1, r.y1, r.x2, r.y2""")) {
            ps.setInt(1, datasetId);
            ps.setString(2, embedderName);
            ps.setInt(3, tagId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byte[] bytes = rs.getBytes(8);
                    float[] vector = new float[bytes.length / Float.BYTES];
                    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
                    regions.add(new Region(rs.getLong(1), rs.getLong(2), rs.getFloat(3),
                            new float[] {rs.getFloat(4), rs.getFloat(5), rs.getFloat(6), rs.getFloat(7)}, vector));
                }
            }
        }
        return regions;
    }
}
