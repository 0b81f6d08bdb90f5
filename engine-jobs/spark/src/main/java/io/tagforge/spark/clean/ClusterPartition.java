package io.tagforge.spark.clean;

import io.tagforge.engine.cleaning.OutlierPass;
import io.tagforge.spark.partition.PartitionCommit;
import io.tagforge.spark.partition.StagePartition;
import java.sql.Connection;
import javax.sql.DataSource;
import org.apache.spark.api.java.function.Function;

/**
 * A task of clean-cluster for a category small enough for one JVM (partition range [tag id, tag id + 1)): the
 * local job's {@link OutlierPass#rank} and write, so its flags and evidence are the single-machine ones, committed
 * once. Gives 1 when it committed the category.
 */
final class ClusterPartition implements Function<StagePartition, Long> {

    private final CleaningOnExecutors cleaning;

    ClusterPartition(CleaningOnExecutors cleaning) {
        this.cleaning = cleaning;
    }

    @Override
    public Long call(StagePartition partition) throws Exception {
        DataSource db = cleaning.db();
        if (PartitionCommit.isDone(db, partition)) {
            return 0L;
        }
        OutlierPass outliers = cleaning.outliers();
        OutlierPass.Result result;
        try (Connection c = db.getConnection()) {
            result = outliers.rank(c, (int) partition.rangeStart());
        }
        boolean committed = cleaning.commit(partition, 1, result.counts(),
                c -> outliers.write(c, result, partition.jobId()));
        return committed ? 1L : 0L;
    }
}
