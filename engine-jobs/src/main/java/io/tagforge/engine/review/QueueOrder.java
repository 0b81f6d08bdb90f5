package io.tagforge.engine.review;

/**
 * The order of the queue; each has a partial index on tag_pair (V60). Keyset paging goes on from a
 * {@link QueueCursor}: the sort key and pair id of the last pair seen.
 */
public enum QueueOrder {
    /** oldest flag first */
    FLAGGED(null, "Oldest flag first"),
    /** highest outlier percentile first; pairs without one last */
    PERCENTILE("-coalesce(p.percentile, -1)", "Highest outlier percentile first"),
    /** lowest score first; pairs without one last */
    SCORE("coalesce(p.score, 2)", "Lowest score first");

    private final String key;
    private final String label;

    QueueOrder(String key, String label) {
        this.key = key;
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The sort key as a column {@code sort_key} of pair {@code p}. */
    String keyColumn() {
        return (key == null ? "0" : key) + "::float8 AS sort_key";
    }

    /** The condition after the cursor (two parameters: key and id, or one: id). */
    String after() {
        return key == null ? " AND p.id > ?" : " AND (" + key + ", p.id) > (?::real, ?)";
    }

    void addCursor(java.util.List<Object> params, QueueCursor cursor) {
        if (key != null) {
            params.add(cursor.key());
        }
        params.add(cursor.pairId());
    }

    String orderBy() {
        return key == null ? " ORDER BY p.id" : " ORDER BY " + key + ", p.id";
    }
}
