package io.tagforge.engine.cleaning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagforge.engine.bulk.StagedRows;
import io.tagforge.labelsystem.assignment.AssignmentState;
import io.tagforge.labelsystem.assignment.FlagRule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/**
 * The flags of one batch: (image, tag, rule, evidence). Each flags its image–tag pair (table tag_pair) and every
 * assignment row of the pair, each row with its evidence. A pair a person decided keeps its decision: a human
 * decision outranks a machine flag; with {@code recheck} an accepted pair is flagged again, marked rechecked.
 */
final class Flags {

    private final StagedRows rows = new StagedRows("clean_flag", "image_id bigint, tag_id int, rule smallint, evidence text");
    private final Set<String> seen = new HashSet<>();
    private final long[] perRule = new long[FlagRule.values().length];

    /** The first flag of an (image, tag) in the batch wins. */
    void add(long imageId, int tagId, FlagRule rule, ObjectNode evidence) {
        if (seen.add(imageId + ":" + tagId)) {
            rows.add(imageId, tagId, rule.code(), evidence.put("rule", rule.name()).toString());
            perRule[rule.ordinal()]++;
        }
    }

    long count(FlagRule rule) {
        return perRule[rule.ordinal()];
    }

    void apply(Connection c, int datasetId, long jobId, boolean recheck) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        rows.copy(c);
        // a pair is new while all its rows are ACTIVE; an ACCEPTED one is flagged again only on recheck
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO tag_pair AS p (dataset_id, image_id, tag_id, state, flag_rule, percentile, score)
                SELECT ?, f.image_id, f.tag_id, %1$d, f.rule, (f.evidence::jsonb ->> 'distance_percentile')::real,
                       (f.evidence::jsonb ->> 'score')::real
                  FROM clean_flag f
                 WHERE EXISTS (SELECT 1 FROM tag_assignment a WHERE a.image_id = f.image_id AND a.tag_id = f.tag_id
                                  AND a.state IN (%2$d, %3$d))
                ON CONFLICT (image_id, tag_id) DO UPDATE
                   SET state = %1$d, flag_rule = excluded.flag_rule, percentile = excluded.percentile,
                       score = excluded.score, rechecked = true, bulk_id = NULL
                 WHERE p.state = %3$d AND ?""".formatted(AssignmentState.FLAGGED.code(), AssignmentState.ACTIVE.code(),
                        AssignmentState.ACCEPTED.code()))) {
            ps.setInt(1, datasetId);
            ps.setBoolean(2, recheck);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                WITH flagged AS (
                    UPDATE tag_assignment a SET state = %1$d, flag_rule = p.flag_rule
                      FROM clean_flag f JOIN tag_pair p ON p.image_id = f.image_id AND p.tag_id = f.tag_id
                     WHERE a.image_id = f.image_id AND a.tag_id = f.tag_id AND p.state = %1$d AND a.state <> %1$d
                    RETURNING a.id, f.evidence)
                INSERT INTO flag_evidence (assignment_id, evidence, job_id)
                SELECT id, evidence::jsonb, ? FROM flagged
                ON CONFLICT (assignment_id) DO UPDATE SET evidence = excluded.evidence, job_id = excluded.job_id"""
                .formatted(AssignmentState.FLAGGED.code()))) {
            ps.setLong(1, jobId);
            ps.executeUpdate();
        }
    }
}
