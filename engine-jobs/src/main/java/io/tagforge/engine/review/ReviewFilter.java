package io.tagforge.engine.review;

import io.tagforge.labelsystem.assignment.FlagRule;
import java.util.List;

/** Which flagged pairs a queue shows; null fields do not filter. */
public record ReviewFilter(Integer datasetId, Integer tagId, FlagRule flagRule, Float minScore, Float maxScore) {

    public static final ReviewFilter ALL = new ReviewFilter(null, null, null, null, null);

    public ReviewFilter {
        if (minScore != null && maxScore != null && minScore > maxScore) {
            throw new IllegalArgumentException("score range " + minScore + ".." + maxScore + " is empty");
        }
    }

    public ReviewFilter withTag(Integer tag) {
        return new ReviewFilter(datasetId, tag, flagRule, minScore, maxScore);
    }

    /** SQL conditions on tag_pair {@code p}, each starting with AND, and their parameters, appended. */
    String conditions(List<Object> params) {
        StringBuilder sql = new StringBuilder();
        add(sql, params, " AND p.dataset_id = ?", datasetId);
        add(sql, params, " AND p.tag_id = ?", tagId);
        add(sql, params, " AND p.flag_rule = ?", flagRule == null ? null : flagRule.code());
        add(sql, params, " AND p.score >= ?", minScore);
        add(sql, params, " AND p.score <= ?", maxScore);
        return sql.toString();
    }

    private static void add(StringBuilder sql, List<Object> params, String condition, Object value) {
        if (value != null) {
            sql.append(condition);
            params.add(value);
        }
    }
}
