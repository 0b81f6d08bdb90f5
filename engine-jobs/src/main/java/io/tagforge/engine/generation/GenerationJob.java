package io.tagforge.engine.generation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagforge.engine.generation.BatchGeneration.Inputs;
import io.tagforge.engine.images.DatasetImages;
import io.tagforge.engine.images.DatasetImages.ImageRow;
import io.tagforge.engine.job.JobContext;
import io.tagforge.engine.job.JobListener;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.job.JobRunner;
import io.tagforge.engine.job.JobStore;
import io.tagforge.engine.model.Captioner;
import io.tagforge.engine.model.Tagger;
import io.tagforge.engine.pipeline.BackgroundWriter;
import io.tagforge.engine.pipeline.ImageDecoding;
import io.tagforge.engine.pipeline.ImageDecoding.Outcome;
import io.tagforge.engine.pipeline.ImageDecoding.Pending;
import io.tagforge.engine.pipeline.ReadAhead;
import io.tagforge.engine.release.ReleaseTags;
import io.tagforge.engine.report.StageSummary;
import io.tagforge.labelsystem.assignment.AssignmentState;
import io.tagforge.labelsystem.transaction.Transactions;
import io.tagforge.labelsystem.vocabulary.Vocabulary;
import io.tagforge.parser.service.ParseService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
        ctx.refuseSplitJob();
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
            BatchGeneration generation = new BatchGeneration(images.datasetId(), release, tagger, captioner,
                    parser == null ? null : parser::parseAll);
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
                return decoding.submit(rows, row -> generation.prepare(images.read(row)));
            })) {
                Pending<ImageRow, Inputs> batch;
                while (!ctx.cancelRequested() && (batch = reader.take()) != null) {
                    List<Outcome<ImageRow, Inputs>> outcomes = batch.await();
                    GeneratedRows rows = generation.rows();
                    generation.generate(outcomes, rows);
                    rows.skipped().forEach(line -> ctx.log("WARN", line));
                    long lastId = outcomes.get(outcomes.size() - 1).row().id();
                    writer.submit(() -> ctx.commitBatch(rows::write, checkpoint(lastId), outcomes.size(), rows.counts()));
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

    /** Distinct (image, tag) pairs of the dataset that are not rejected: the counts tags_before and tags_after. */
    public static long tagsInDataset(JobContext ctx, DatasetImages images) throws SQLException {
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

    /** Where a run stopped: the last image id it committed. */
    public static ObjectNode checkpoint(long after) {
        return JSON.createObjectNode().put("after", after);
    }
}
