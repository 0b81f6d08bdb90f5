package io.tagforge.engine.generation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagforge.engine.bulk.StagedRows;
import io.tagforge.engine.images.DatasetImages;
import io.tagforge.engine.images.DatasetImages.ImageRow;
import io.tagforge.engine.job.JobContext;
import io.tagforge.engine.job.JobListener;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.job.JobRunner;
import io.tagforge.engine.job.JobStore;
import io.tagforge.engine.model.Captioner;
import io.tagforge.engine.model.Tagger;
import io.tagforge.engine.release.ReleaseTags;
import io.tagforge.engine.review.PairStateOfNewRows;
import io.tagforge.engine.report.StageSummary;
import io.tagforge.labelsystem.vocabulary.TagMatch;
import io.tagforge.labelsystem.vocabulary.Vocabulary;
import io.tagforge.parser.caption.ParsedCaption;
import io.tagforge.parser.service.ParseService;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The generation stage of RAM's data engine: over a dataset's images, the tagger's tags above their class
 * thresholds become MODEL assignments with their score; with a captioner, its captions are stored (origin
 * GENERATED, with the model's name) and, given a vocabulary, parsed into PARSED_GENERATED assignments.
 *
 * <p>Batches of images commit together with the checkpoint (the last image id), so a killed run resumes where
 * it stopped and writes nothing twice; every insert is also idempotent. Images that cannot be read are
 * skipped and counted ({@code images_unreadable}) with a WARN line in the job log. Counts
 * {@code tags_before} and {@code tags_after} are distinct (image, tag) pairs of the dataset, not rejected.
 */
public final class GenerationJob {

    public static final String KIND = "generate";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GenerationRequest request;
    private final Vocabulary vocabulary;

    /** {@code vocabulary} null: generated captions are stored but not parsed. */
    public GenerationJob(GenerationRequest request, Vocabulary vocabulary) {
        this.request = request;
        this.vocabulary = vocabulary;
    }

    public static JobRecord run(DataSource dataSource, GenerationRequest request, Vocabulary vocabulary,
            String createdBy, JobListener listener) throws Exception {
        return new JobRunner(new JobStore(dataSource)).runOrResume(KIND, request.toParams(), createdBy,
                new GenerationJob(request, vocabulary)::run, listener);
    }

    public void run(JobContext ctx) throws Exception {
        DatasetImages images;
        ReleaseTags release;
        try (Connection c = ctx.dataSource().getConnection()) {
            images = DatasetImages.find(c, request.dataset(), "--dataset");
            release = ReleaseTags.load(c, request.release(), "--release");
            ctx.total(images.count(c));
        }
        try (Tagger tagger = Tagger.load(request.tagger(), request.batchSize());
             Captioner captioner = request.captioner() == null ? null
                     : Captioner.load(request.captioner(), request.batchSize());
             ParseService parser = captioner == null || vocabulary == null ? null : new ParseService(vocabulary, 1)) {
            release.requireOutputs(tagger.classCount(), request.tagger());
            if (ctx.checkpoint() == null) {
                long before = tagsInDataset(ctx, images);
                ctx.commitBatch(c -> { }, checkpoint(0), 0, Map.of("tags_before", before));
            }
            long after = ctx.checkpoint().path("after").asLong();
            while (!ctx.checkpoint().path("done").asBoolean() && !ctx.cancelRequested()) {
                List<ImageRow> batch;
                try (Connection c = ctx.dataSource().getConnection()) {
                    batch = images.after(c, after, request.batchSize());
                }
                if (batch.isEmpty()) {
                    long tagsAfter = tagsInDataset(ctx, images);
                    ctx.commitBatch(c -> { }, checkpoint(after).put("done", true), 0, Map.of("tags_after", tagsAfter));
                    break;
                }
                after = batch.get(batch.size() - 1).id();
                generate(ctx, images, release, tagger, captioner, parser, batch, after);
            }
        }
        StageSummary.afterJob(ctx, KIND, images.datasetId());
    }

    private void generate(JobContext ctx, DatasetImages images, ReleaseTags release, Tagger tagger,
            Captioner captioner, ParseService parser, List<ImageRow> batch, long lastId) {
        List<ImageRow> readable = new ArrayList<>();
        List<BufferedImage> pixels = new ArrayList<>();
        for (ImageRow image : batch) {
            try {
                pixels.add(images.read(image));
                readable.add(image);
            } catch (IOException e) {
                ctx.log("WARN", "skipped image " + image.id() + ": " + e.getMessage());
            }
        }
        StagedRows modelTags = new StagedRows("generated_tag", "image_id bigint, tag_id int, score real");
        List<float[]> probabilities = pixels.isEmpty() ? List.of() : tagger.predict(pixels);
        for (int i = 0; i < readable.size(); i++) {
            float[] p = probabilities.get(i);
            for (int idx = 0; idx < p.length; idx++) {
                if (p[idx] >= release.thresholds()[idx]) {
                    modelTags.add(readable.get(i).id(), release.tagIds()[idx], p[idx]);
                }
            }
        }
        StagedRows captions = new StagedRows("generated_caption", "image_id bigint, text text, tag_id int");
        if (captioner != null && !pixels.isEmpty()) {
            List<String> texts = captioner.caption(pixels);
            List<ParsedCaption> parsed = parser == null ? null : parser.parseAll(texts);
            for (int i = 0; i < readable.size(); i++) {
                captions.add(readable.get(i).id(), texts.get(i), null);
                if (parsed != null) {
                    for (TagMatch tag : parsed.get(i).tags()) {
                        captions.add(readable.get(i).id(), texts.get(i), tag.tagId());
                    }
                }
            }
        }
        Map<String, Long> counts = new HashMap<>();
        counts.put("images", (long) readable.size());
        counts.put("images_unreadable", (long) (batch.size() - readable.size()));
        counts.put("model_tags", (long) modelTags.size());
        counts.put("captions", captioner == null ? 0L : readable.size());
        counts.put("parsed_generated_tags", (long) (captions.size() - (captioner == null ? 0 : readable.size())));
        String model = captioner == null ? null : captioner.spec().name();
        ctx.commitBatch(c -> write(c, images.datasetId(), model, modelTags, captions), checkpoint(lastId),
                batch.size(), counts);
    }

    private static void write(Connection c, int datasetId, String captionModel, StagedRows modelTags,
            StagedRows captions) throws SQLException {
        if (!modelTags.isEmpty()) {
            modelTags.copy(c);
            update(c, "INSERT INTO tag_assignment (image_id, dataset_id, tag_id, source, score, "
                    + PairStateOfNewRows.COLUMNS + ") SELECT g.image_id, ?, g.tag_id, 2, g.score, "
                    + PairStateOfNewRows.VALUES + " FROM generated_tag g" + PairStateOfNewRows.join("g")
                    + " ON CONFLICT DO NOTHING", datasetId);
        }
        if (!captions.isEmpty()) {
            captions.copy(c);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO caption (image_id, origin, model, text) "
                    + "SELECT DISTINCT image_id, 1, ?, text FROM generated_caption ON CONFLICT DO NOTHING")) {
                ps.setString(1, captionModel);
                ps.executeUpdate();
            }
            update(c, "INSERT INTO tag_assignment (image_id, dataset_id, tag_id, caption_id, source, "
                    + PairStateOfNewRows.COLUMNS + ") SELECT g.image_id, ?, g.tag_id, c.id, 1, "
                    + PairStateOfNewRows.VALUES + " FROM generated_caption g" + PairStateOfNewRows.join("g")
                    + " JOIN caption c ON c.image_id = g.image_id AND c.origin = 1 AND md5(c.text) = md5(g.text) AND c.text = g.text "
                    + "WHERE g.tag_id IS NOT NULL ON CONFLICT DO NOTHING", datasetId);
        }
    }

    private static void update(Connection c, String sql, int datasetId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, datasetId);
            ps.executeUpdate();
        }
    }

    /** Distinct (image, tag) pairs of the dataset that are not rejected. */
    static long tagsInDataset(JobContext ctx, DatasetImages images) throws SQLException {
        try (Connection c = ctx.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM (SELECT DISTINCT image_id, tag_id "
                     + "FROM tag_assignment WHERE dataset_id = ? AND state <> 3) t")) {
            ps.setInt(1, images.datasetId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static ObjectNode checkpoint(long after) {
        return JSON.createObjectNode().put("after", after);
    }
}
