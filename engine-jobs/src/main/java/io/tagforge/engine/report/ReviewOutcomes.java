package io.tagforge.engine.report;

import io.tagforge.labelsystem.assignment.AssignmentState;
import io.tagforge.labelsystem.assignment.FlagRule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Every review number of the report, from the pair-level review tables in one query: a pair's outcome is its state
 * in tag_pair (a pair flagged again by clean --recheck waits again); a person's standing decision on a pair is their
 * latest one on it not undone (a bulk decision counts for the curator who applied it), for progress and agreement.
 * Both read flagged pairs and decisions, never the assignment table. {@code releaseId} null: every tag, else the
 * release's tags.
 */
public final class ReviewOutcomes {

    /** Accepted and rejected pairs of one tag and flag rule. */
    public record TagRuleOutcome(int tagId, FlagRule rule, long accepted, long rejected) {
    }

    /** Pairs a person settled on one day (UTC, by the time of their standing decision). */
    public record DayOfWork(String user, LocalDate day, long pairs) {
    }

    /** Pairs that two or more people decided, and how many of them all decided alike. */
    public record Agreement(long pairsSeenTwice, long pairsAgreed) {
    }

    public record Decisions(List<TagRuleOutcome> outcomes, List<DayOfWork> progress, Agreement agreement) {
    }

    // one pass: the standing decisions once, then the three aggregates as the rows of one result
    private static final String SQL = """
            WITH standing AS MATERIALIZED (
                SELECT DISTINCT ON (d.pair_id, d.user_id) d.pair_id, d.user_id, d.decision, d.decided_at
                  FROM pair_decision d JOIN tag_pair p ON p.id = d.pair_id
                 WHERE p.dataset_id = ? AND d.undone_at IS NULL
                   AND (?::int IS NULL OR p.tag_id IN (SELECT tag_id FROM release_tag WHERE release_id = ?))
                 ORDER BY d.pair_id, d.user_id, d.id DESC)
            SELECT 'outcome' AS part, tag_id, flag_rule AS rule, NULL::text AS username, NULL::date AS day,
                   count(*) FILTER (WHERE state = ?) AS n1, count(*) FILTER (WHERE state = ?) AS n2
              FROM tag_pair WHERE dataset_id = ? AND state IN (?, ?)
               AND (?::int IS NULL OR tag_id IN (SELECT tag_id FROM release_tag WHERE release_id = ?))
             GROUP BY 2, 3
            UNION ALL
            SELECT 'day', NULL, NULL, u.username, (s.decided_at AT TIME ZONE 'UTC')::date, count(*), NULL
              FROM standing s JOIN app_user u ON u.id = s.user_id GROUP BY 4, 5
            UNION ALL
            SELECT 'agreement', NULL, NULL, NULL, NULL, count(*), count(*) FILTER (WHERE alike)
              FROM (SELECT count(DISTINCT decision) = 1 AS alike FROM standing
                     GROUP BY pair_id HAVING count(*) >= 2) p
            ORDER BY 1, 2, 3, 5, 4""";

    private final DataSource dataSource;

    public ReviewOutcomes(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Decisions read(int datasetId, Integer releaseId) throws SQLException {
        List<TagRuleOutcome> outcomes = new ArrayList<>();
        List<DayOfWork> progress = new ArrayList<>();
        Agreement agreement = null;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
            short accepted = AssignmentState.ACCEPTED.code();
            short rejected = AssignmentState.REJECTED.code();
            ps.setInt(1, datasetId);
            ps.setObject(2, releaseId, java.sql.Types.INTEGER);
            ps.setObject(3, releaseId, java.sql.Types.INTEGER);
            ps.setShort(4, accepted);
            ps.setShort(5, rejected);
            ps.setInt(6, datasetId);
            ps.setShort(7, accepted);
            ps.setShort(8, rejected);
            ps.setObject(9, releaseId, java.sql.Types.INTEGER);
            ps.setObject(10, releaseId, java.sql.Types.INTEGER);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    switch (rs.getString("part")) {
                        case "outcome" -> outcomes.add(new TagRuleOutcome(rs.getInt("tag_id"),
                                FlagRule.ofCode(rs.getShort("rule")), rs.getLong("n1"), rs.getLong("n2")));
                        case "day" -> progress.add(new DayOfWork(rs.getString("username"),
                                rs.getObject("day", LocalDate.class), rs.getLong("n1")));
                        default -> agreement = new Agreement(rs.getLong("n1"), rs.getLong("n2"));
                    }
                }
            }
        }
        return new Decisions(outcomes, progress, agreement);
    }
}
