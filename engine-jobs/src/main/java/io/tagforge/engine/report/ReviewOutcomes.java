package io.tagforge.engine.report;

import io.tagforge.engine.dataset.AssignmentState;
import io.tagforge.engine.dataset.FlagRule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Every review number of the report, at image–tag pair level: a person's standing decision on a pair is their
 * latest decision not undone on any assignment row of it, and the pair's outcome is the latest standing decision.
 * One query over tables review and tag_assignment (only the reviewed rows, by primary key: decisions are what people
 * made, thousands, not the table's millions). {@code releaseId} null: every tag, else the release's tags only.
 */
public final class ReviewOutcomes {

    /** Decided pairs of one tag and flag rule (the pair's rule: the lowest flag_rule of its rows). */
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
                SELECT DISTINCT ON (ta.image_id, ta.tag_id, r.user_id)
                       ta.image_id, ta.tag_id, r.user_id, r.id, r.decision, r.decided_at
                  FROM review r JOIN tag_assignment ta ON ta.id = r.assignment_id
                 WHERE ta.dataset_id = ? AND r.undone_at IS NULL
                   AND (?::int IS NULL OR ta.tag_id IN (SELECT tag_id FROM release_tag WHERE release_id = ?))
                 ORDER BY ta.image_id, ta.tag_id, r.user_id, r.id DESC),
            outcome AS (
                SELECT DISTINCT ON (image_id, tag_id) image_id, tag_id, decision FROM standing
                 ORDER BY image_id, tag_id, id DESC)
            SELECT 'outcome' AS part, o.tag_id,
                   (SELECT min(a.flag_rule) FROM tag_assignment a
                     WHERE a.image_id = o.image_id AND a.tag_id = o.tag_id) AS rule,
                   NULL::text AS username, NULL::date AS day,
                   count(*) FILTER (WHERE o.decision = ?) AS n1, count(*) FILTER (WHERE o.decision = ?) AS n2
              FROM outcome o GROUP BY 2, 3
            UNION ALL
            SELECT 'day', NULL, NULL, u.username, (s.decided_at AT TIME ZONE 'UTC')::date, count(*), NULL
              FROM standing s JOIN app_user u ON u.id = s.user_id GROUP BY 4, 5
            UNION ALL
            SELECT 'agreement', NULL, NULL, NULL, NULL, count(*), count(*) FILTER (WHERE alike)
              FROM (SELECT count(DISTINCT decision) = 1 AS alike FROM standing
                     GROUP BY image_id, tag_id HAVING count(*) >= 2) p
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
            ps.setInt(1, datasetId);
            ps.setObject(2, releaseId, java.sql.Types.INTEGER);
            ps.setObject(3, releaseId, java.sql.Types.INTEGER);
            ps.setShort(4, AssignmentState.ACCEPTED.code);
            ps.setShort(5, AssignmentState.REJECTED.code);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    switch (rs.getString("part")) {
                        case "outcome" -> outcomes.add(new TagRuleOutcome(rs.getInt("tag_id"),
                                FlagRule.of(rs.getShort("rule")), rs.getLong("n1"), rs.getLong("n2")));
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
