package io.tagforge.engine.cleaning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagforge.engine.images.DatasetImages;
import io.tagforge.engine.job.JobContext;
import io.tagforge.engine.job.JobListener;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.job.JobRunner;
import io.tagforge.engine.job.JobStore;
import io.tagforge.engine.model.Detector;
import io.tagforge.engine.model.Embedder;
import io.tagforge.engine.model.Tagger;
import io.tagforge.engine.pipeline.BackgroundWriter;
import io.tagforge.engine.pipeline.ImageDecoding;
import io.tagforge.engine.pipeline.ImageDecoding.Outcome;
import io.tagforge.engine.pipeline.ImageDecoding.Pending;
import io.tagforge.engine.pipeline.ReadAhead;
import io.tagforge.engine.release.ReleaseTags;
import io.tagforge.engine.report.StageSummary;
import io.tagforge.labelsystem.assignment.AssignmentState;
import io.tagforge.labelsystem.detectable.Detectability;
import io.tagforge.labelsystem.error.TagforgeException;
import io.tagforge.labelsystem.transaction.Transactions;
import io.tagforge.labelsystem.wordnet.WordNet;
import java.awt.image.BufferedImage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cleaning stage of RAM's data engine, with people in the loop: nothing is deleted, suspicious tags
 * become FLAGGED (state 1) with a flag rule and evidence for review.
 * <ol>
 * <li>regions, a batch of images at a time ({@link RegionPass}): detector regions of each image's candidate
 * tags, their crops' embeddings; NO_REGION and LOW_SCORE flags;
 * <li>outliers, a category at a time ({@link OutlierPass}): K-Means++ per category, OUTLIER_REGION flags.
 * </ol>
 * Every batch and every category commits with the checkpoint ({@code phase}, {@code after} image id or
 * {@code next} category), so a killed run resumes where it stopped and repeats nothing. Documented skips,
 * counted in the job row: unreadable images ({@code images_unreadable}, WARN in the job log), boxes under a
 * pixel ({@code regions_zero_size}), categories with fewer than two regions ({@code categories_too_few_regions}:
 * nothing to cluster, no outlier flags), categories the detector does not know
 * ({@code categories_unknown_to_detector}: no NO_REGION flags).
 */
public final class CleaningJob {

    public static final String KIND = "clean";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CleaningRequest request;

    public CleaningJob(CleaningRequest request) {
        this.request = request;
    }

    public static JobRecord run(Transactions transactions, CleaningRequest request, String createdBy, JobListener listener)
            throws Exception {
        return new JobRunner(new JobStore(transactions)).runOrResume(KIND, request.toParams(), createdBy,
                new CleaningJob(request)::run, listener);
    }

    public void run(JobContext ctx) throws Exception {
        ctx.refuseSplitJob();
        DatasetImages images;
        ReleaseTags release = null;
        try (Connection c = ctx.dataSource().getConnection()) {
            images = DatasetImages.find(c, request.dataset());
            if (request.tagger() != null) {
                release = ReleaseTags.load(c, request.release());
            }
        }
        try (Embedder embedder = Embedder.load(request.embedder(), request.device(), request.batchSize());
             Detector detector = request.detector() == null ? null
                     : Detector.load(request.detector(), request.device(), request.batchSize());
             Tagger tagger = request.tagger() == null ? null
                     : Tagger.load(request.tagger(), request.device(), request.batchSize())) {
            if (tagger != null) {
                release.requireOutputs(tagger.classCount(), request.tagger());
            }
            if (ctx.checkpoint() == null) {
                start(ctx, images, detector);
            }
            Map<Integer, String> names = names(ctx, ctx.checkpoint().path("categories"));
            int[] categories = names.keySet().stream().mapToInt(Integer::intValue).toArray();
            RegionPass regions = new RegionPass(images, categories, names, detector, embedder, tagger, release,
                    request.recheck());
            if (ctx.checkpoint().path("phase").asText().equals("regions")) {
                regionPass(ctx, images, regions);
            }
            OutlierPass outliers = new OutlierPass(images.datasetId(), embedder.spec().name(), request);
            while (ctx.checkpoint().path("phase").asText().equals("outliers") && !ctx.cancelRequested()) {
                int next = ctx.checkpoint().path("next").asInt();
                if (next == categories.length) {
                    ctx.commitBatch(c -> { }, checkpoint(ctx, "done"), 0, Map.of());
                    break;
                }
                OutlierPass.Result result;
                try (Connection c = ctx.dataSource().getConnection()) {
                    result = outliers.rank(c, categories[next]);
                }
                ctx.commitBatch(c -> outliers.write(c, result, ctx.jobId()),
                        checkpoint(ctx, "outliers").put("next", next + 1), 1, result.counts());
            }
        }
        StageSummary.afterJob(ctx, KIND, images.datasetId());
    }

    /** First run: the categories (kept in the checkpoint, so a resumed run judges the same ones) and totals. */
    public void start(JobContext ctx, DatasetImages images, Detector detector) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        long unknown = 0;
        long notDetectable = 0;
        long total;
        try (Connection c = ctx.dataSource().getConnection()) {
            if (request.categories().isEmpty()) {
                List<Integer> frequent = frequentTags(c, images);
                ids.addAll(detectable(ctx, c, frequent));
                notDetectable = frequent.size() - ids.size();
            } else {
                ids.addAll(namedTags(c));
            }
            for (Map.Entry<Integer, String> tag : names(c, ids).entrySet()) {
                if (detector != null && !detector.knows(tag.getValue())) {
                    unknown++;
                    ctx.log("INFO", "the detector does not know category '" + tag.getValue()
                            + "': its tags are not flagged for lacking a region");
                }
            }
            total = candidateImages(c, images, ids) + ids.size();
        }
        ObjectNode checkpoint = JSON.createObjectNode().put("phase", "regions").put("after", 0L);
        ids.forEach(checkpoint.putArray("categories")::add);
        ctx.total(total);
        ctx.commitBatch(c -> { }, checkpoint, 0, Map.of("categories", (long) ids.size(),
                "categories_unknown_to_detector", unknown, "categories_not_detectable", notDetectable));
    }

    /**
     * Phase 1 batch by batch: the next batches are read and their images decoded on other threads while the
     * models work on this one, and each batch's results commit on a writer thread, with the checkpoint.
     */
    private void regionPass(JobContext ctx, DatasetImages images, RegionPass regions) throws Exception {
        JsonNode categories = ctx.checkpoint().path("categories");
        long[] cursor = {ctx.checkpoint().path("after").asLong()};
        try (ImageDecoding decoding = new ImageDecoding("clean-decode");
             BackgroundWriter writer = new BackgroundWriter("clean-write");
             ReadAhead<Pending<RegionPass.Candidate, BufferedImage>> reader = new ReadAhead<>("clean-read", 2, () -> {
                 List<RegionPass.Candidate> batch;
                 try (Connection c = ctx.dataSource().getConnection()) {
                     batch = regions.next(c, cursor[0], Long.MAX_VALUE, request.batchSize());
                 }
                 if (batch.isEmpty()) {
                     return null;
                 }
                 cursor[0] = batch.get(batch.size() - 1).image().id();
                 return decoding.submit(batch, regions::read);
             })) {
            Pending<RegionPass.Candidate, BufferedImage> pending;
            while (!ctx.cancelRequested() && (pending = reader.take()) != null) {
                List<Outcome<RegionPass.Candidate, BufferedImage>> batch = pending.await();
                RegionPass.Result result;
                try (Connection c = ctx.dataSource().getConnection()) {
                    result = regions.process(c, batch, message -> ctx.log("WARN", message));
                }
                ObjectNode next = checkpoint(categories, "regions").put("after", batch.get(batch.size() - 1).row().image().id());
                writer.submit(() -> ctx.commitBatch(c -> regions.write(c, result, images.datasetId(), ctx.jobId()), next,
                        batch.size(), result.counts()));
            }
            writer.finish();
        }
        if (!ctx.cancelRequested()) {
            ctx.commitBatch(c -> { }, checkpoint(categories, "outliers").put("next", 0), 0, Map.of());
        }
    }

    /**
     * The detectable ones of {@code tags}; tags nobody has decided on get WordNet's proposal first, stored, so
     * curators see and can change what cleaning went by.
     */
    private static List<Integer> detectable(JobContext ctx, Connection c, List<Integer> tags) throws SQLException {
        if (!ids(c, "SELECT id FROM tag WHERE id = ANY(?) AND detectable IS NULL", tags).isEmpty()) {
            try (WordNet wordNet = WordNet.open()) {
                int[] proposed = new Detectability(wordNet).proposeUndecided(c, tags);
                ctx.log("INFO", "proposed from WordNet: " + proposed[0] + " tags detectable, " + proposed[1] + " not");
            }
        }
        return ids(c, "SELECT id FROM tag WHERE id = ANY(?) AND detectable ORDER BY id", tags);
    }

    private static List<Integer> ids(Connection c, String sql, List<Integer> tags) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("int4", tags.toArray()));
            List<Integer> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                }
            }
            return ids;
        }
    }

    private List<Integer> namedTags(Connection c) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM tag WHERE lower(name) = lower(?) "
                + "AND NOT deprecated ORDER BY kind, id LIMIT 1")) {
            for (String name : request.categories()) {
                ps.setString(1, name.trim());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new TagforgeException("categories: no tag named \"" + name.trim() + "\"");
                    }
                    if (!ids.contains(rs.getInt(1))) {
                        ids.add(rs.getInt(1));
                    }
                }
            }
        }
        ids.sort(Integer::compare);
        return ids;
    }

    private List<Integer> frequentTags(Connection c, DatasetImages images) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT tag_id FROM tag_assignment WHERE dataset_id = ? "
                + "AND state = " + AssignmentState.ACTIVE.code() + " GROUP BY tag_id HAVING count(DISTINCT image_id) >= ? ORDER BY tag_id")) {
            ps.setInt(1, images.datasetId());
            ps.setInt(2, request.minImages());
            List<Integer> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                }
            }
            return ids;
        }
    }

    private static long candidateImages(Connection c, DatasetImages images, List<Integer> tags) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(DISTINCT image_id) FROM tag_assignment "
                + "WHERE dataset_id = ? AND state = " + AssignmentState.ACTIVE.code() + " AND tag_id = ANY(?)")) {
            ps.setInt(1, images.datasetId());
            ps.setArray(2, c.createArrayOf("int4", tags.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public static Map<Integer, String> names(JobContext ctx, JsonNode ids) throws SQLException {
        List<Integer> list = new ArrayList<>();
        ids.forEach(id -> list.add(id.asInt()));
        try (Connection c = ctx.dataSource().getConnection()) {
            return names(c, list);
        }
    }

    private static Map<Integer, String> names(Connection c, List<Integer> ids) throws SQLException {
        Map<Integer, String> names = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM tag WHERE id = ANY(?) ORDER BY id")) {
            ps.setArray(1, c.createArrayOf("int4", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.put(rs.getInt(1), rs.getString(2));
                }
            }
        }
        return names;
    }

    /** The next checkpoint: a phase, and the categories chosen at the start. */
    public static ObjectNode checkpoint(JobContext ctx, String phase) {
        return checkpoint(ctx.checkpoint().path("categories"), phase);
    }

    private static ObjectNode checkpoint(JsonNode categories, String phase) {
        ObjectNode next = JSON.createObjectNode().put("phase", phase);
        next.set("categories", categories);
        return next;
    }
}
