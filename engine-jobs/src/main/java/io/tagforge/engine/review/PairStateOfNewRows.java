package io.tagforge.engine.review;

import io.tagforge.labelsystem.assignment.AssignmentState;

/**
 * SQL for jobs that add assignment rows ({@code INSERT ... SELECT} from staged rows): a new row takes the state
 * of its image–tag pair, so a decision settles the rows a later parse or generation adds, and a flagged pair's
 * new rows are flagged with it. A pair not in tag_pair is ACTIVE.
 */
public final class PairStateOfNewRows {

    /** The columns to insert after the others: {@code state, flag_rule}. */
    public static final String COLUMNS = "state, flag_rule";
    /** Their values, read from the joined pair {@code tp}. */
    public static final String VALUES = "coalesce(tp.state, " + AssignmentState.ACTIVE.code() + "), tp.flag_rule";

    private PairStateOfNewRows() {
    }

    /** The join that finds the pair of staged row {@code alias} (columns image_id, tag_id). */
    public static String join(String alias) {
        return " LEFT JOIN tag_pair tp ON tp.image_id = " + alias + ".image_id AND tp.tag_id = " + alias + ".tag_id";
    }
}
