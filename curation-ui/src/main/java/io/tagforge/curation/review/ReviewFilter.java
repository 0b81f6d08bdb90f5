package io.tagforge.curation.review;

import java.util.ArrayList;
import java.util.List;

/** Which flagged assignments a queue shows; null fields do not filter. */
public record ReviewFilter(Integer datasetId, Integer tagId, Integer flagRule, Float minScore, Float maxScore) {

    public static final ReviewFilter ALL = new ReviewFilter(null, null, null, null, null);

    public ReviewFilter {
        if (flagRule != null && (flagRule < 0 || flagRule > 2)) {
            throw new IllegalArgumentException("flag rule must be 0, 1 or 2, not " + flagRule);
        }
        if (minScore != null && maxScore != null && minScore > maxScore) {
            throw new IllegalArgumentException("score range " + minScore + ".." + maxScore + " is empty");
        }
    }

    public ReviewFilter withTag(Integer tag) {
        return new ReviewFilter(datasetId, tag, flagRule, minScore, maxScore);
    }

    /** SQL conditions on tag_assignment {@code ta}, each starting with AND, and their parameters, appended. */
    String conditions(List<Object> params) {
        StringBuilder sql = new StringBuilder();
        add(sql, params, " AND ta.dataset_id = ?", datasetId);
        add(sql, params, " AND ta.tag_id = ?", tagId);
        add(sql, params, " AND ta.flag_rule = ?", flagRule == null ? null : flagRule.shortValue());
        add(sql, params, " AND ta.score >= ?", minScore);
        add(sql, params, " AND ta.score <= ?", maxScore);
        return sql.toString();
    }

    private static void add(StringBuilder sql, List<Object> params, String condition, Object value) {
        if (value != null) {
            sql.append(condition);
            params.add(value);
        }
    }

    static List<Object> params(Object... first) {
        return new ArrayList<>(List.of(first));
    }
}
