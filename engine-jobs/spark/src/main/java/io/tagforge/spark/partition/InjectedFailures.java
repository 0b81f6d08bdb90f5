package io.tagforge.spark.partition;

import java.io.Serializable;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.RuntimeConfig;

/**
 * Failures tests inject into partition tasks, set in the session's configuration:
 * {@code spark.tagforge.failFirstAttempt} = {@code before-commit} (the first attempt of every partition throws
 * after writing its rows, inside the transaction) or {@code after-commit} (after committing them);
 * {@code spark.tagforge.failRangesFrom} = ID: every attempt of a partition whose range starts at ID or later throws,
 * so the stage fails halfway. None in normal runs.
 */
public record InjectedFailures(boolean beforeCommit, boolean afterCommit, long rangesFrom) implements Serializable {

    public static final String FIRST_ATTEMPT = "spark.tagforge.failFirstAttempt";
    public static final String RANGES_FROM = "spark.tagforge.failRangesFrom";

    public static InjectedFailures from(RuntimeConfig conf) {
        String first = conf.get(FIRST_ATTEMPT, "");
        if (!first.isEmpty() && !first.equals("before-commit") && !first.equals("after-commit")) {
            throw new IllegalArgumentException(FIRST_ATTEMPT + " is before-commit or after-commit, not " + first);
        }
        return new InjectedFailures(first.equals("before-commit"), first.equals("after-commit"),
                Long.parseLong(conf.get(RANGES_FROM, String.valueOf(Long.MAX_VALUE))));
    }

    /**
     * Commits the running task's partition once ({@link PartitionCommit#commit}), with these failures before and
     * after the commit; true when this attempt committed it.
     */
    public boolean commit(DataSource db, StagePartition partition, String attempt, long units, Map<String, Long> counts,
            PartitionCommit.RowsWrite write) throws SQLException {
        int attemptNumber = TaskContext.get().attemptNumber();
        boolean committed = PartitionCommit.commit(db, partition, attempt, units, counts, c -> {
            write.write(c);
            check(false, attemptNumber, partition.rangeStart());
        });
        check(committed, attemptNumber, partition.rangeStart());
        return committed;
    }

    void check(boolean committed, int attemptNumber, long rangeStart) {
        if (rangeStart >= rangesFrom) {
            throw new IllegalStateException("injected failure: partition " + rangeStart + " always fails");
        }
        if (attemptNumber == 0 && (committed ? afterCommit : beforeCommit)) {
            throw new IllegalStateException("injected failure of the first attempt "
                    + (committed ? "after" : "before") + " its commit");
        }
    }
}
