package io.tagforge.engine.cleaning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagforge.engine.bulk.StagedRows;
import io.tagforge.engine.dataset.FlagRule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/**
 * The flags of one batch: (image, tag, rule, evidence). Applied to the ACTIVE assignments of that image and
 * tag (every source) — reviewed or already flagged rows keep their state — each with its evidence row.
 */
final class Flags {

    static final short OUTLIER_REGION = FlagRule.OUTLIER_REGION.code;
    static final short NO_REGION = FlagRule.NO_REGION.code;
    static final short LOW_SCORE = FlagRule.LOW_SCORE.code;

    private final StagedRows rows = new StagedRows("clean_flag", "image_id bigint, tag_id int, rule smallint, evidence text");
    private final Set<String> seen = new HashSet<>();
    private final long[] perRule = new long[FlagRule.values().length];

    /** The first flag of an (image, tag) in the batch wins. */
    void add(long imageId, int tagId, short rule, ObjectNode evidence) {
        if (seen.add(imageId + ":" + tagId)) {
            rows.add(imageId, tagId, rule, evidence.put("rule", ruleName(rule)).toString());
            perRule[rule]++;
        }
    }

    long count(short rule) {
        return perRule[rule];
    }

    void apply(Connection c, int datasetId, long jobId) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        rows.copy(c);
        try (PreparedStatement ps = c.prepareStatement("""
                WITH flagged AS (
                    UPDATE tag_assignment a SET state = 1, flag_rule = f.rule
                      FROM clean_flag f
                     WHERE a.dataset_id = ? AND a.image_id = f.image_id AND a.tag_id = f.tag_id AND a.state = 0
                    RETURNING a.id, f.evidence)
                INSERT INTO flag_evidence (assignment_id, evidence, job_id)
                SELECT id, evidence::jsonb, ? FROM flagged
                ON CONFLICT (assignment_id) DO UPDATE SET evidence = excluded.evidence, job_id = excluded.job_id""")) {
            ps.setInt(1, datasetId);
            ps.setLong(2, jobId);
            ps.executeUpdate();
        }
    }

    static String ruleName(short rule) {
        return FlagRule.of(rule).name();
    }
}
