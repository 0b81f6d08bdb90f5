package io.tagforge.curation.bench;

import io.tagforge.engine.report.DatasetReport;
import io.tagforge.engine.report.DatasetReports;
import io.tagforge.engine.report.ReportCharts;
import io.tagforge.engine.report.ReportHtml;
import io.tagforge.engine.report.StageSummary;
import io.tagforge.labelsystem.assignment.AssignmentState;
import io.tagforge.labelsystem.transaction.Transactions;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dashboard's part of {@code ./tagforge bench review}: on the bench dataset, the stage summary a job writes
 * when it finishes (timed once), review decisions by three people on a sample of the flags (seeded once), then
 * opening the dashboard — what {@link io.tagforge.curation.dashboard.Dashboard#reportHtml} does: the report from the summaries and the decisions,
 * its charts drawn to SVG, the HTML — timed over several rounds. Target: under 1 s.
 */
public final class DashboardBench {

    private static final double TARGET_MS = 1000;
    private static final int DECISIONS = 20_000;
    private static final int ROUNDS = 7;

    private final Transactions transactions;
    private final JdbcClient jdbc;

    public DashboardBench(DataSource dataSource) {
        this.transactions = Transactions.over(dataSource);
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** Prints the figures; true when every opening was under the target. */
    public boolean run(String dataset, int datasetId) throws SQLException {
        seedDecisions(datasetId);
        long t0 = System.nanoTime();
        StageSummary.refresh(transactions, datasetId, "bench");
        System.out.printf(Locale.ROOT, "dashboard: stage summary of %s (what parse, generate and clean write when "
                + "they finish) in %.1f s%n", dataset, (System.nanoTime() - t0) / 1e9);
        DatasetReports reports = new DatasetReports(transactions);
        // one untimed round: class loading and JIT of the chart code are not page time
        ReportHtml.fragment(reports.build(dataset, null), ReportCharts.render(reports.build(dataset, null)));
        double[] build = new double[ROUNDS];
        double[] open = new double[ROUNDS];
        int size = 0;
        DatasetReport report = null;
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            report = reports.build(dataset, null);
            build[i] = (System.nanoTime() - start) / 1e6;
            size = ReportHtml.fragment(report, ReportCharts.render(report)).length();
            open[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(build);
        Arrays.sort(open);
        System.out.printf(Locale.ROOT, "dashboard: %,d tags after review, %,d decided; open (report + %d SVG "
                        + "charts + HTML, %,d chars): median %.1f ms, max %.1f ms (of which numbers: median %.1f ms) "
                        + "| max/target %.2f%n", report.afterReview().tags(),
                report.rules().stream().mapToLong(DatasetReport.RuleRow::reviewed).sum(),
                ReportCharts.render(report).size(), size, open[ROUNDS / 2], open[ROUNDS - 1], build[ROUNDS / 2],
                open[ROUNDS - 1] / TARGET_MS);
        return open[ROUNDS - 1] < TARGET_MS;
    }

    /**
     * Decisions on the first flagged pairs by three bench annotators over two weeks, each pair decided by one of the
     * first two and every fifth also by the third (agreement, as after clean --recheck), unless the dataset has
     * decisions already.
     */
    private void seedDecisions(int datasetId) {
        boolean decided = jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM pair_decision d JOIN tag_pair p ON p.id = d.pair_id
                                        WHERE p.dataset_id = ?)""").param(datasetId).query(Boolean.class).single();
        if (decided) {
            return;
        }
        int[] users = new int[3];
        for (int i = 0; i < users.length; i++) {
            users[i] = jdbc.sql("""
                            INSERT INTO app_user (username, password_hash, enabled) VALUES (?, '!', false)
                            ON CONFLICT (username) DO UPDATE SET enabled = false RETURNING id""")
                    .param("bench-reviewer-" + (i + 1)).query(Integer.class).single();
        }
        short flagged = AssignmentState.FLAGGED.code();
        short accepted = AssignmentState.ACCEPTED.code();
        short rejected = AssignmentState.REJECTED.code();
        jdbc.sql("""
                        WITH decision AS MATERIALIZED (
                            SELECT id, image_id, tag_id, CASE WHEN id % 2 = 0 THEN ? ELSE ? END AS user_id,
                                   CASE WHEN id % 10 < 7 THEN ? ELSE ? END AS decision,
                                   now() - (id % 14) * interval '1 day' AS decided_at
                              FROM tag_pair WHERE dataset_id = ? AND state = ? ORDER BY id LIMIT ?),
                        decisions AS (
                            INSERT INTO pair_decision (pair_id, user_id, decision, previous_state, decided_at)
                            SELECT id, user_id, decision, ?, decided_at FROM decision
                            UNION ALL
                            SELECT id, ?, CASE WHEN id % 10 < 6 THEN ? ELSE ? END, ?, decided_at + interval '1 hour'
                              FROM decision WHERE id % 5 = 0),
                        pairs AS (
                            UPDATE tag_pair p SET state = d.decision FROM decision d WHERE p.id = d.id)
                        UPDATE tag_assignment a SET state = d.decision FROM decision d
                         WHERE a.image_id = d.image_id AND a.tag_id = d.tag_id""")
                .params(users[0], users[1], rejected, accepted, datasetId, flagged, DECISIONS,
                        flagged, users[2], rejected, accepted, flagged).update();
    }
}
