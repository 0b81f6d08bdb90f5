package io.tagforge.engine.parse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagforge.engine.bulk.StagedRows;
import io.tagforge.engine.images.DatasetImages;
import io.tagforge.engine.job.JobContext;
import io.tagforge.engine.job.JobListener;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.job.JobRunner;
import io.tagforge.engine.job.JobStore;
import io.tagforge.engine.review.PairStateOfNewRows;
import io.tagforge.engine.report.StageSummary;
import io.tagforge.labelsystem.assignment.AssignmentSource;
import io.tagforge.labelsystem.assignment.AssignmentState;
import io.tagforge.labelsystem.transaction.Transactions;
import io.tagforge.labelsystem.vocabulary.TagMatch;
import io.tagforge.labelsystem.vocabulary.Vocabulary;
import io.tagforge.parser.caption.ParsedCaption;
import io.tagforge.parser.service.ParseService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    private record CaptionRow(long id, long imageId, short origin, String text) {
    }

    void run(JobContext ctx) throws SQLException {
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
                List<CaptionRow> batch;
                try (Connection c = ctx.dataSource().getConnection()) {
                    batch = captionsAfter(c, datasetId, after);
                }
                if (batch.isEmpty()) {
                    StageSummary.afterJob(ctx, KIND, datasetId);
                    return;
                }
                after = batch.get(batch.size() - 1).id();
                store(ctx, datasetId, batch, parser.parseAll(batch.stream().map(CaptionRow::text).toList()), after);
            }
        }
    }

    private static void store(JobContext ctx, int datasetId, List<CaptionRow> batch, List<ParsedCaption> parsed,
                              long lastId) {
        StagedRows rows = new StagedRows("parsed_tag", "image_id bigint, tag_id int, caption_id bigint, source smallint");
        long original = 0;
        long generated = 0;
        for (int i = 0; i < batch.size(); i++) {
            CaptionRow caption = batch.get(i);
            for (TagMatch tag : parsed.get(i).tags()) {
                // source 0 PARSED_ORIGINAL, 1 PARSED_GENERATED: the same codes as caption origin
                rows.add(caption.imageId(), tag.tagId(), caption.id(), caption.origin());
                if (caption.origin() == 0) {
                    original++;
                } else {
                    generated++;
                }
            }
        }
        SurfaceObservations observed = new SurfaceObservations();
        for (int i = 0; i < batch.size(); i++) {
            observed.add(batch.get(i).text(), parsed.get(i));
        }
        ctx.commitBatch(c -> {
            insert(c, datasetId, rows);
            dropNoLongerParsed(c, batch, rows.isEmpty());
            observed.addTo(c, datasetId);
        }, JSON.createObjectNode().put("after", lastId), batch.size(),
                Map.of("captions", (long) batch.size(), "parsed_original_tags", original,
                        "parsed_generated_tags", generated));
    }

    private static void insert(Connection c, int datasetId, StagedRows rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        rows.copy(c);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tag_assignment "
                + "(image_id, dataset_id, tag_id, caption_id, source, " + PairStateOfNewRows.COLUMNS + ") "
                + "SELECT p.image_id, ?, p.tag_id, p.caption_id, p.source, " + PairStateOfNewRows.VALUES
                + " FROM parsed_tag p JOIN tag t ON t.id = p.tag_id" + PairStateOfNewRows.join("p")
                + " ON CONFLICT DO NOTHING")) {
            ps.setInt(1, datasetId);
            ps.executeUpdate();
        }
    }

    /** the batch's parsed rows the parse just made no longer emits (parsed_tag holds what it emits, if any) */
    private static void dropNoLongerParsed(Connection c, List<CaptionRow> batch, boolean nothingParsed)
            throws SQLException {
        // image_id first: the identity index leads with it
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM tag_assignment a WHERE a.image_id = ANY (?) "
                + "AND a.caption_id = ANY (?) AND a.source IN (?, ?) AND a.state <> ?" + (nothingParsed ? ""
                : " AND NOT EXISTS (SELECT 1 FROM parsed_tag p WHERE p.caption_id = a.caption_id AND p.tag_id = a.tag_id)"))) {
            ps.setArray(1, c.createArrayOf("bigint", batch.stream().map(CaptionRow::imageId).distinct().toArray()));
            ps.setArray(2, c.createArrayOf("bigint", batch.stream().map(CaptionRow::id).toArray()));
            ps.setShort(3, AssignmentSource.PARSED_ORIGINAL.code());
            ps.setShort(4, AssignmentSource.PARSED_GENERATED.code());
            ps.setShort(5, AssignmentState.ACCEPTED.code());
            ps.executeUpdate();
        }
    }

    private List<CaptionRow> captionsAfter(Connection c, int datasetId, long after) throws SQLException {
        List<CaptionRow> rows = new ArrayList<>(batchSize);
        try (PreparedStatement ps = c.prepareStatement("SELECT c.id, c.image_id, c.origin, c.text FROM caption c "
                + "JOIN image i ON i.id = c.image_id WHERE i.dataset_id = ? AND c.id > ? ORDER BY c.id LIMIT ?")) {
            ps.setInt(1, datasetId);
            ps.setLong(2, after);
            ps.setInt(3, batchSize);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new CaptionRow(rs.getLong(1), rs.getLong(2), rs.getShort(3), rs.getString(4)));
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
