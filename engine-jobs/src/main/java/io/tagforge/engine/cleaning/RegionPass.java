package io.tagforge.engine.cleaning;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagforge.engine.bulk.StagedRows;
import io.tagforge.engine.images.DatasetImages;
import io.tagforge.engine.images.DatasetImages.ImageRow;
import io.tagforge.engine.model.Detection;
import io.tagforge.engine.model.Detector;
import io.tagforge.engine.model.Embedder;
import io.tagforge.engine.model.Tagger;
import io.tagforge.engine.pipeline.ImageDecoding.Outcome;
import io.tagforge.engine.release.ReleaseTags;
import io.tagforge.labelsystem.assignment.AssignmentState;
import io.tagforge.labelsystem.assignment.FlagRule;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Phase 1 of cleaning, a batch of images at a time: the detector looks for each image's candidate tags (one
 * call per image, all its phrases at once), every new or not yet embedded region is cropped and embedded,
 * and tags are flagged NO_REGION (the detector knows the phrase but found nothing) or LOW_SCORE (the
 * tagger's probability is under the class threshold).
 */
public final class RegionPass {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DatasetImages images;
    private final int[] categories;
    private final Map<Integer, String> names;
    private final Detector detector;
    private final Embedder embedder;
    private final Tagger tagger;
    private final Map<Integer, Integer> releaseIndex = new HashMap<>();
    private final ReleaseTags release;
    private final boolean recheck;

    public RegionPass(DatasetImages images, int[] categories, Map<Integer, String> names, Detector detector,
            Embedder embedder, Tagger tagger, ReleaseTags release, boolean recheck) {
        this.recheck = recheck;
        this.images = images;
        this.categories = categories;
        this.names = names;
        this.detector = detector;
        this.embedder = embedder;
        this.tagger = tagger;
        this.release = release;
        if (release != null) {
            for (int i = 0; i < release.size(); i++) {
                releaseIndex.put(release.tagIds()[i], i);
            }
        }
    }

    /** An image with ACTIVE assignments of the chosen categories (on recheck also ACCEPTED ones), and those tags. */
    public record Candidate(ImageRow image, List<Integer> tags) {
    }

    /** The results of one batch, written by {@link #write} in the batch's transaction. */
    public static final class Result {
        final StagedRows regions = new StagedRows("clean_region", "region_id bigint, image_id bigint, tag_id int, "
                + "x1 real, y1 real, x2 real, y2 real, score real, source text, vector bytea");
        final Flags flags = new Flags();
        long images;
        long unreadable;
        long zeroSize;
        long detected;

        /** What the batch adds to the job's counts. */
        public Map<String, Long> counts() {
            return Map.of(
                    "images", images,
                    "images_unreadable", unreadable,
                    "regions_detected", detected,
                    "regions_zero_size", zeroSize,
                    "regions_embedded", (long) regions.size(),
                    "flags_no_region", flags.count(FlagRule.NO_REGION),
                    "flags_low_score", flags.count(FlagRule.LOW_SCORE));
        }
    }

    /** The next {@code limit} candidates with image ids in (after, before). */
    public List<Candidate> next(Connection c, long after, long before, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT a.image_id, i.path, array_agg(DISTINCT a.tag_id ORDER BY "
                + "a.tag_id) " + candidates(images.datasetId(), categories, recheck)
                + " AND a.image_id > ? AND a.image_id < ? GROUP BY a.image_id, i.path ORDER BY a.image_id LIMIT ?")) {
            ps.setLong(1, after);
            ps.setLong(2, before);
            ps.setInt(3, limit);
            List<Candidate> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Integer> tags = new ArrayList<>();
                    for (Object tag : (Object[]) rs.getArray(3).getArray()) {
                        tags.add(((Number) tag).intValue());
                    }
                    result.add(new Candidate(new ImageRow(rs.getLong(1), rs.getString(2)), tags));
                }
            }
            return result;
        }
    }

    /**
     * The first candidate of each of the pass's batches ({@code batchSize} candidates in image-id order), a query of
     * one column {@code id}: work split at these ids runs the same batches, so the models give every image the
     * outputs they give it in one run, to the last bit (a model's float rounding depends on an image's batch).
     */
    public static String batchStarts(int datasetId, int[] categories, boolean recheck, int batchSize) {
        return "SELECT id FROM (SELECT image_id AS id, row_number() OVER (ORDER BY image_id) AS n FROM (SELECT DISTINCT "
                + "a.image_id " + candidates(datasetId, categories, recheck) + ") c) b WHERE (n - 1) % " + batchSize
                + " = 0";
    }

    /** The candidates' assignments: ACTIVE ones of the categories (on recheck also ACCEPTED ones), images not missing. */
    private static String candidates(int datasetId, int[] categories, boolean recheck) {
        String ids = Arrays.stream(categories).mapToObj(String::valueOf).collect(Collectors.joining(","));
        return "FROM tag_assignment a JOIN image i ON i.id = a.image_id WHERE a.dataset_id = %d AND a.state IN (%d, %d) "
                .formatted(datasetId, AssignmentState.ACTIVE.code(),
                        (recheck ? AssignmentState.ACCEPTED : AssignmentState.ACTIVE).code())
                + "AND a.tag_id = ANY('{" + ids + "}'::int4[]) AND NOT i.missing";
    }

    public int datasetId() {
        return images.datasetId();
    }

    /** Decodes a candidate's image (on a reading thread). */
    public BufferedImage read(Candidate candidate) throws IOException {
        return images.read(candidate.image());
    }

    /** A batch whose images were decoded by {@link #read}: regions, embeddings, flags, ready to {@link #write}. */
    public Result process(Connection c, List<Outcome<Candidate, BufferedImage>> batch, Consumer<String> warn)
            throws SQLException {
        Result result = new Result();
        result.images = batch.size();
        List<Candidate> readable = new ArrayList<>();
        List<BufferedImage> pixels = new ArrayList<>();
        for (Outcome<Candidate, BufferedImage> outcome : batch) {
            if (outcome.error() == null) {
                pixels.add(outcome.value());
                readable.add(outcome.row());
            } else {
                result.unreadable++;
                warn.accept("skipped image " + outcome.row().image().id() + ": " + outcome.error().getMessage());
            }
        }
        if (readable.isEmpty()) {
            return result;
        }
        List<Long> ids = readable.stream().map(r -> r.image().id()).toList();
        Map<Long, List<StoredRegion>> stored = storedRegions(c, ids);
        List<List<Detection>> detections = detect(readable, pixels);
        List<float[]> probabilities = tagger == null ? null : tagger.predict(pixels);
        List<BufferedImage> crops = new ArrayList<>();
        List<Object[]> cropRows = new ArrayList<>();
        for (int i = 0; i < readable.size(); i++) {
            Candidate candidate = readable.get(i);
            long imageId = candidate.image().id();
            BufferedImage image = pixels.get(i);
            Set<Integer> withRegion = new HashSet<>();
            for (StoredRegion region : stored.getOrDefault(imageId, List.of())) {
                withRegion.add(region.tagId());
                if (!region.embedded()) {
                    addCrop(result, crops, cropRows, image, region.id(), imageId, region.tagId(), region.box(), 0, null);
                }
            }
            Map<String, Integer> tagOfPhrase = new HashMap<>();
            candidate.tags().forEach(t -> tagOfPhrase.put(names.get(t).toLowerCase(java.util.Locale.ROOT), t));
            for (Detection d : detections.get(i)) {
                int tagId = tagOfPhrase.get(d.phrase().toLowerCase(java.util.Locale.ROOT));
                result.detected++;
                if (addCrop(result, crops, cropRows, image, null, imageId, tagId,
                        new float[] {d.x1(), d.y1(), d.x2(), d.y2()}, d.score(), "detector:" + detector.spec().name())) {
                    withRegion.add(tagId);
                }
            }
            for (int tagId : candidate.tags()) {
                Float score = score(probabilities, i, tagId);
                if (detector != null && detector.knows(names.get(tagId)) && !withRegion.contains(tagId)) {
                    ObjectNode evidence = JSON.createObjectNode().put("detector", detector.spec().name())
                            .put("phrase", names.get(tagId)).put("box_threshold", detector.boxThreshold());
                    if (score != null) {
                        evidence.put("score", score);
                    }
                    result.flags.add(imageId, tagId, FlagRule.NO_REGION, evidence);
                } else if (score != null && score < release.thresholds()[releaseIndex.get(tagId)]) {
                    result.flags.add(imageId, tagId, FlagRule.LOW_SCORE, JSON.createObjectNode().put("score", score)
                            .put("threshold", release.thresholds()[releaseIndex.get(tagId)])
                            .put("tagger", tagger.spec().name()));
                }
            }
        }
        List<float[]> vectors = crops.isEmpty() ? List.of() : embedder.embed(crops);
        for (int i = 0; i < cropRows.size(); i++) {
            Object[] row = cropRows.get(i);
            row[9] = bytes(vectors.get(i));
            result.regions.add(row);
        }
        return result;
    }

    public void write(Connection c, Result result, int datasetId, long jobId) throws SQLException {
        if (!result.regions.isEmpty()) {
            result.regions.copy(c);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO region (image_id, tag_id, x1, y1, x2, y2, score, source)
                    SELECT image_id, tag_id, x1, y1, x2, y2, score, source FROM clean_region WHERE region_id IS NULL
                    ON CONFLICT DO NOTHING""")) {
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO region_embedding (region_id, model, vector)
                    SELECT coalesce(s.region_id, r.id), ?, s.vector FROM clean_region s
                      LEFT JOIN region r ON s.region_id IS NULL AND r.image_id = s.image_id AND r.tag_id = s.tag_id
                           AND r.source = s.source AND r.x1 = s.x1 AND r.y1 = s.y1 AND r.x2 = s.x2 AND r.y2 = s.y2
                    ON CONFLICT DO NOTHING""")) {
                ps.setString(1, embedder.spec().name());
                ps.executeUpdate();
            }
        }
        result.flags.apply(c, datasetId, jobId, recheck);
    }

    private List<List<Detection>> detect(List<Candidate> readable, List<BufferedImage> pixels) {
        if (detector == null) {
            return readable.stream().map(r -> List.<Detection>of()).toList();
        }
        List<Detector.Request> requests = new ArrayList<>();
        for (int i = 0; i < readable.size(); i++) {
            List<String> phrases = readable.get(i).tags().stream().map(names::get).filter(detector::knows).toList();
            requests.add(new Detector.Request(pixels.get(i), phrases));
        }
        List<List<Detection>> result = new ArrayList<>();
        List<Detector.Request> asked = requests.stream().filter(r -> !r.phrases().isEmpty()).toList();
        List<List<Detection>> found = asked.isEmpty() ? List.of() : detector.detect(asked);
        int next = 0;
        for (Detector.Request request : requests) {
            result.add(request.phrases().isEmpty() ? List.of() : found.get(next++));
        }
        return result;
    }

    private static boolean addCrop(Result result, List<BufferedImage> crops, List<Object[]> rows, BufferedImage image,
            Long regionId, long imageId, int tagId, float[] box, float score, String source) {
        BufferedImage crop = Crops.crop(image, box[0], box[1], box[2], box[3]);
        if (crop == null) {
            result.zeroSize++;
            return false;
        }
        crops.add(crop);
        rows.add(new Object[] {regionId, imageId, tagId, box[0], box[1], box[2], box[3], score, source, null});
        return true;
    }

    private Float score(List<float[]> probabilities, int image, int tagId) {
        Integer index = releaseIndex.get(tagId);
        return probabilities == null || index == null ? null : probabilities.get(image)[index];
    }

    private record StoredRegion(long id, int tagId, float[] box, boolean embedded) {
    }

    /** The regions already stored for these images and categories, and whether this embedder has seen them. */
    private Map<Long, List<StoredRegion>> storedRegions(Connection c, List<Long> imageIds) throws SQLException {
        Map<Long, List<StoredRegion>> result = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT r.id, r.image_id, r.tag_id, r.x1, r.y1, r.x2, r.y2,
                       EXISTS (SELECT 1 FROM region_embedding e WHERE e.region_id = r.id AND e.model = ?)
                  FROM region r WHERE r.image_id = ANY(?) AND r.tag_id = ANY(?) ORDER BY r.id""")) {
            ps.setString(1, embedder.spec().name());
            Array imageArray = c.createArrayOf("int8", imageIds.toArray());
            ps.setArray(2, imageArray);
            ps.setArray(3, c.createArrayOf("int4", box(categories)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>()).add(new StoredRegion(rs.getLong(1),
                            rs.getInt(3), new float[] {rs.getFloat(4), rs.getFloat(5), rs.getFloat(6), rs.getFloat(7)},
                            rs.getBoolean(8)));
                }
            }
        }
        return result;
    }

    static Integer[] box(int[] values) {
        Integer[] boxed = new Integer[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }

    static byte[] bytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }
}
