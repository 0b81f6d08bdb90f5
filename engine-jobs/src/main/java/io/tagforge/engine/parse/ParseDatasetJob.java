package io.tagforge.engine.parse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagforge.engine.images.DatasetImages;
import io.tagforge.engine.job.JobContext;
import io.tagforge.engine.job.JobListener;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.job.JobRunner;
import io.tagforge.engine.job.JobStore;
import io.tagforge.engine.parse.ParsedCaptions.Caption;
import io.tagforge.engine.report.StageSummary;
import io.tagforge.labelsystem.transaction.Transactions;
import io.tagforge.labelsystem.vocabulary.Vocabulary;
import io.tagforge.parser.caption.ParsedCaption;
import io.tagforge.parser.service.ParseService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses every caption of a dataset and stores its tags as assignments: PARSED_ORIGINAL for original captions,
 * PARSED_GENERATED for generated ones, each with its caption and dataset. Captions are read in id order
 * (keyset pagination); each batch's assignments go in by COPY and commit with the checkpoint (the last caption
 * id), so a killed run resumes where it stopped, and {@code ON CONFLICT DO NOTHING} makes a rerun add nothing.
 * A rerun also drops the parsed rows of its captions that the parser no longer emits (a curator blocked the
 * mapping, the parser changed), except rows of a pair a person accepted: a decision outlives the parser.
 * Each surface form that reached a tag is counted with a few example captions (table surface_observation), for
 * the curators' list of mappings.
 */
public final class ParseDatasetJob {

    public static final String KIND = "parse";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String dataset;
    private final Vocabulary vocabulary;
    private final int threads;
    private final int batchSize;

    public ParseDatasetJob(String dataset, Vocabulary vocabulary, int threads, int batchSize) {
        this.dataset = dataset;
        this.vocabulary = vocabulary;
        this.threads = threads;
        this.batchSize = batchSize;
    }

    /** Continues this dataset's unfinished parse job, or starts one. */
    public JobRecord run(Transactions transactions, String createdBy, JobListener listener) throws Exception {
        ObjectNode params = JSON.createObjectNode().put("dataset", dataset);
        return new JobRunner(new JobStore(transactions)).runOrResume(KIND, params, createdBy, this::run, listener);
    }

    void run(JobContext ctx) throws SQLException {
        ctx.refuseSplitJob();
        int datasetId;
        try (Connection c = ctx.dataSource().getConnection()) {
            datasetId = DatasetImages.find(c, dataset).datasetId();
            ctx.total(count(c, datasetId));
        }
        long after = ctx.checkpoint() == null ? 0 : ctx.checkpoint().path("after").asLong();
        if (ctx.checkpoint() == null) {
            // a new parse observes afresh what reached which tag; a resumed one adds to what it observed
            try (Connection c = ctx.dataSource().getConnection()) {
                SurfaceObservations.clear(c, datasetId);
            }
        }
        try (ParseService parser = new ParseService(vocabulary, threads)) {
            parser.loadPipelines();
            while (!ctx.cancelRequested()) {
                List<Caption> batch;
                try (Connection c = ctx.dataSource().getConnection()) {
                    batch = captionsAfter(c, datasetId, after);
                }
                if (batch.isEmpty()) {
                    StageSummary.afterJob(ctx, KIND, datasetId);
                    return;
                }
                after = batch.get(batch.size() - 1).id();
                store(ctx, datasetId, batch, parser.parseAll(batch.stream().map(Caption::text).toList()), after);
            }
        }
    }

    private static void store(JobContext ctx, int datasetId, List<Caption> batch, List<ParsedCaption> parsed,
                              long lastId) {
        ParsedCaptions rows = new ParsedCaptions(batch, parsed);
        ctx.commitBatch(c -> rows.write(c, datasetId), JSON.createObjectNode().put("after", lastId), batch.size(),
                rows.counts());
    }

    private List<Caption> captionsAfter(Connection c, int datasetId, long after) throws SQLException {
        List<Caption> rows = new ArrayList<>(batchSize);
        try (PreparedStatement ps = c.prepareStatement("SELECT c.id, c.image_id, c.origin, c.text FROM caption c "
                + "JOIN image i ON i.id = c.image_id WHERE i.dataset_id = ? AND c.id > ? ORDER BY c.id LIMIT ?")) {
            ps.setInt(1, datasetId);
            ps.setLong(2, after);
            ps.setInt(3, batchSize);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Caption(rs.getLong(1), rs.getLong(2), rs.getShort(3), rs.getString(4)));
                }
            }
        }
        return rows;
    }

    private static long count(Connection c, int datasetId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM caption c JOIN image i ON i.id = c.image_id WHERE i.dataset_id = ?")) {
            ps.setInt(1, datasetId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
