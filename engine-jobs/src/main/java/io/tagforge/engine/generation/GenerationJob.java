package io.tagforge.engine.generation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagforge.engine.bulk.StagedRows;
import io.tagforge.engine.images.DatasetImages;
import io.tagforge.engine.images.DatasetImages.ImageRow;
import io.tagforge.engine.job.BatchWrite;
import io.tagforge.engine.job.JobContext;
import io.tagforge.engine.job.JobListener;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.job.JobRunner;
import io.tagforge.engine.job.JobStore;
import io.tagforge.engine.model.Captioner;
import io.tagforge.engine.model.PreparedImage;
import io.tagforge.engine.model.Tagger;
import io.tagforge.engine.pipeline.BackgroundWriter;
import io.tagforge.engine.pipeline.ImageDecoding;
import io.tagforge.engine.pipeline.ImageDecoding.Outcome;
import io.tagforge.engine.pipeline.ImageDecoding.Pending;
import io.tagforge.engine.pipeline.ReadAhead;
import io.tagforge.engine.release.ReleaseTags;
import io.tagforge.engine.review.PairStateOfNewRows;
import io.tagforge.engine.report.StageSummary;
import io.tagforge.labelsystem.assignment.AssignmentSource;
import io.tagforge.labelsystem.assignment.AssignmentState;
import io.tagforge.labelsystem.transaction.Transactions;
import io.tagforge.labelsystem.vocabulary.TagMatch;
import io.tagforge.labelsystem.vocabulary.Vocabulary;
import io.tagforge.parser.caption.ParsedCaption;
import io.tagforge.parser.service.ParseService;
import java.awt.image.BufferedImage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The generation stage of RAM's data engine: over a dataset's images, the tagger's tags above their class
 * thresholds become MODEL assignments with their score; with a captioner, its captions are stored (origin
 * GENERATED, with the model's name) and, given a vocabulary, parsed into PARSED_GENERATED assignments.
 *
 * <p>Batches of images commit together with the checkpoint (the last image id), so a killed run resumes where
 * it stopped and writes nothing twice; every insert is also idempotent. The model thread only runs models:
 * the next batches are read and their images decoded and prepared on other threads ({@link ReadAhead},
 * {@link ImageDecoding}), and a batch's results are committed on a writer thread while the next one runs. Images that cannot be read are
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

    public static JobRecord run(Transactions transactions, GenerationRequest request, Vocabulary vocabulary,
            String createdBy, JobListener listener) throws Exception {
        return new JobRunner(new JobStore(transactions)).runOrResume(KIND, request.toParams(), createdBy,
                new GenerationJob(request, vocabulary)::run, listener);
    }

    public void run(JobContext ctx) throws Exception {
        DatasetImages images;
        ReleaseTags release;
        try (Connection c = ctx.dataSource().getConnection()) {
            images = DatasetImages.find(c, request.dataset());
            release = ReleaseTags.load(c, request.release());
            ctx.total(images.count(c));
        }
        try (Tagger tagger = Tagger.load(request.tagger(), request.device(), request.batchSize());
             Captioner captioner = request.captioner() == null ? null
                     : Captioner.load(request.captioner(), request.device(), request.batchSize());
             ParseService parser = captioner == null || vocabulary == null ? null : new ParseService(vocabulary, 1);
             ImageDecoding decoding = new ImageDecoding("generate-decode");
             BackgroundWriter writer = new BackgroundWriter("generate-write")) {
            release.requireOutputs(tagger.classCount(), request.tagger());
            if (ctx.checkpoint() == null) {
                long before = tagsInDataset(ctx, images);
                ctx.commitBatch(c -> { }, checkpoint(0), 0, Map.of("tags_before", before));
            }
            if (ctx.checkpoint().path("done").asBoolean()) {
                return;
            }
            long[] cursor = {ctx.checkpoint().path("after").asLong()};
            // batches are read and their images decoded ahead of the model, results written behind it
            try (ReadAhead<Pending<ImageRow, Inputs>> reader = new ReadAhead<>("generate-read", 2, () -> {
                List<ImageRow> rows;
                try (Connection c = ctx.dataSource().getConnection()) {
                    rows = images.after(c, cursor[0], request.batchSize());
                }
                if (rows.isEmpty()) {
                    return null;
                }
                cursor[0] = rows.get(rows.size() - 1).id();
                return decoding.submit(rows, row -> {
                    BufferedImage image = images.read(row);
                    return new Inputs(tagger.preprocessing().prepare(image),
                            captioner == null ? null : captioner.preprocessing().prepare(image));
                });
            })) {
                Pending<ImageRow, Inputs> batch;
                while (!ctx.cancelRequested() && (batch = reader.take()) != null) {
                    Written written = generate(ctx, images.datasetId(), release, tagger, captioner, parser, batch.await());
                    writer.submit(() -> ctx.commitBatch(written.write(), written.checkpoint(), written.images(),
                            written.counts()));
                }
                writer.finish();
                if (!ctx.cancelRequested()) {
                    long tagsAfter = tagsInDataset(ctx, images);
                    ctx.commitBatch(c -> { }, checkpoint(cursor[0]).put("done", true), 0, Map.of("tags_after", tagsAfter));
                }
            }
        }
        StageSummary.afterJob(ctx, KIND, images.datasetId());
    }

    /** What one image gives the models: prepared for the tagger and, with one, for the captioner. */
    private record Inputs(PreparedImage tagger, PreparedImage captioner) {
    }

    /** A batch's results, ready to commit. */
    private record Written(BatchWrite write, ObjectNode checkpoint, long images, Map<String, Long> counts) {
    }

    private Written generate(JobContext ctx, int datasetId, ReleaseTags release, Tagger tagger, Captioner captioner,
            ParseService parser, List<Outcome<ImageRow, Inputs>> batch) {
        List<ImageRow> readable = new ArrayList<>();
        List<Inputs> inputs = new ArrayList<>();
        for (Outcome<ImageRow, Inputs> outcome : batch) {
            if (outcome.error() == null) {
                readable.add(outcome.row());
                inputs.add(outcome.value());
            } else {
                ctx.log("WARN", "skipped image " + outcome.row().id() + ": " + outcome.error().getMessage());
            }
        }
        StagedRows modelTags = new StagedRows("generated_tag", "image_id bigint, tag_id int, score real");
        List<float[]> probabilities = inputs.isEmpty() ? List.of()
                : tagger.predictPrepared(inputs.stream().map(Inputs::tagger).toList());
        for (int i = 0; i < readable.size(); i++) {
            float[] p = probabilities.get(i);
            for (int idx = 0; idx < p.length; idx++) {
                if (p[idx] >= release.thresholds()[idx]) {
                    modelTags.add(readable.get(i).id(), release.tagIds()[idx], p[idx]);
                }
            }
        }
        StagedRows captions = new StagedRows("generated_caption", "image_id bigint, text text, tag_id int");
        if (captioner != null && !inputs.isEmpty()) {
            List<String> texts = captioner.captionPrepared(inputs.stream().map(Inputs::captioner).toList());
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
        long lastId = batch.get(batch.size() - 1).row().id();
        return new Written(c -> write(c, datasetId, model, modelTags, captions), checkpoint(lastId), batch.size(),
                counts);
    }

    private static void write(Connection c, int datasetId, String captionModel, StagedRows modelTags,
            StagedRows captions) throws SQLException {
        if (!modelTags.isEmpty()) {
            modelTags.copy(c);
            update(c, "INSERT INTO tag_assignment (image_id, dataset_id, tag_id, source, score, "
                    + PairStateOfNewRows.COLUMNS + ") SELECT g.image_id, ?, g.tag_id, " + AssignmentSource.MODEL.code() + ", g.score, "
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
                    + PairStateOfNewRows.COLUMNS + ") SELECT g.image_id, ?, g.tag_id, c.id, " + AssignmentSource.PARSED_GENERATED.code() + ", "
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
                     + "FROM tag_assignment WHERE dataset_id = ? AND state <> " + AssignmentState.REJECTED.code() + ") t")) {
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
