package io.tagforge.engine.report;

import io.tagforge.engine.job.JobContext;
import io.tagforge.labelsystem.assignment.AssignmentSource;
import io.tagforge.labelsystem.transaction.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Writes what a dataset holds after each stage (tables dataset_summary, dataset_tag_summary, dataset_flag_summary)
 * in one set-based pass over its assignments. The jobs that change those numbers (ingest, parse, generate, clean)
 * call it when they finish, so that opening a report reads a few thousand summary rows, never the 10^8-row
 * tag_assignment. Review decisions do not change these rows: a flag's rule stays on the assignment whatever
 * review decides, and {@link ReviewOutcomes} reads the decisions.
 */
public final class StageSummary {

    private StageSummary() {
    }

    /** The summary a job writes when its body ran to the end (a cancelled job leaves the last one). */
    public static void afterJob(JobContext ctx, String kind, int datasetId) {
        if (!ctx.cancelRequested()) {
            refresh(ctx.transactions(), datasetId, kind + " job " + ctx.jobId());
        }
    }

    /**
     * Rewrites the dataset's summary in one transaction, the caller's when it has one; {@code computedBy} says
     * which job or person asked.
     */
    public static void refresh(Transactions transactions, int datasetId, String computedBy) {
        transactions.run("dataset summary", c -> {
            refresh(c, datasetId, computedBy);
            return null;
        });
    }

    private static void refresh(Connection c, int datasetId, String computedBy) throws SQLException {
        // the pair aggregate of a large dataset sorts or hashes millions of groups: give it memory, this once
        execute(c, "SET LOCAL work_mem = '256MB'");
        // the row lock keeps two jobs finishing together from interleaving their delete and insert
        update(c, "SELECT id FROM dataset WHERE id = ? FOR UPDATE", datasetId);
        update(c, "DELETE FROM dataset_summary WHERE dataset_id = ?", datasetId);
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO dataset_summary (dataset_id, images, captions_original, captions_generated, assignments,
                                             computed_by)
                SELECT d.id,
                       (SELECT count(*) FROM image i WHERE i.dataset_id = d.id),
                       (SELECT count(*) FROM caption c JOIN image i ON i.id = c.image_id
                         WHERE i.dataset_id = d.id AND c.origin = 0),
                       (SELECT count(*) FROM caption c JOIN image i ON i.id = c.image_id
                         WHERE i.dataset_id = d.id AND c.origin = 1),
                       (SELECT count(*) FROM tag_assignment a WHERE a.dataset_id = d.id),
                       ?
                  FROM dataset d WHERE d.id = ?""")) {
            ps.setString(1, computedBy);
            ps.setInt(2, datasetId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                WITH pair AS MATERIALIZED (
                    SELECT tag_id, bool_or(source = ?) AS parsed_original, bool_or(source IN (?, ?)) AS with_model,
                           min(flag_rule) AS flag_rule
                      FROM tag_assignment WHERE dataset_id = ? GROUP BY image_id, tag_id),
                tags AS (
                    INSERT INTO dataset_tag_summary (dataset_id, tag_id, parsed_original, with_model, pairs)
                    SELECT ?, tag_id, count(*) FILTER (WHERE parsed_original), count(*) FILTER (WHERE with_model),
                           count(*)
                      FROM pair GROUP BY tag_id)
                INSERT INTO dataset_flag_summary (dataset_id, tag_id, flag_rule, pairs)
                SELECT ?, tag_id, flag_rule, count(*) FROM pair WHERE flag_rule IS NOT NULL GROUP BY tag_id, flag_rule""")) {
            ps.setShort(1, AssignmentSource.PARSED_ORIGINAL.code());
            ps.setShort(2, AssignmentSource.PARSED_ORIGINAL.code());
            ps.setShort(3, AssignmentSource.MODEL.code());
            ps.setInt(4, datasetId);
            ps.setInt(5, datasetId);
            ps.setInt(6, datasetId);
            ps.executeUpdate();
        }
    }

    private static void update(Connection c, String sql, int datasetId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, datasetId);
            ps.execute();
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (var st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
