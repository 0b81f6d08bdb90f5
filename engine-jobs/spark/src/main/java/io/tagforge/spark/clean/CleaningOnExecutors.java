package io.tagforge.spark.clean;

import io.tagforge.engine.cleaning.CleaningRequest;
import io.tagforge.engine.cleaning.OutlierPass;
import io.tagforge.engine.cleaning.RegionPass;
import io.tagforge.engine.images.DatasetImages;
import io.tagforge.engine.model.ModelDevice;
import io.tagforge.engine.release.ReleaseTags;
import io.tagforge.spark.database.DatabaseAddress;
import io.tagforge.spark.executor.ExecutorModels;
import io.tagforge.spark.executor.HadoopImages;
import io.tagforge.spark.partition.InjectedFailures;
import io.tagforge.spark.partition.PartitionCommit;
import io.tagforge.spark.partition.StagePartition;
import java.io.Serializable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * What the clean stage's tasks need, sent to executors in their closures (a CleaningRequest holds Paths, which do
 * not serialize): the database, the dataset's images as Hadoop paths, the chosen categories and the models' folders.
 */
record CleaningOnExecutors(DatabaseAddress database, String dataset, HadoopImages images,
        LinkedHashMap<Integer, String> categories, String detector, String embedder, String tagger, String release,
        int batchSize, boolean recheck, OutlierPass outliers, InjectedFailures failures) implements Serializable {

    static CleaningOnExecutors of(DatabaseAddress database, CleaningRequest request, HadoopImages images,
            LinkedHashMap<Integer, String> categories, OutlierPass outliers, InjectedFailures failures) {
        return new CleaningOnExecutors(database, request.dataset(), images, categories, folder(request.detector()),
                folder(request.embedder()), folder(request.tagger()), request.release(), request.batchSize(),
                request.recheck(), outliers, failures);
    }

    DataSource db() {
        return database.pool();
    }

    /** Commits a partition of the running task once, with the failures a test injects. */
    boolean commit(StagePartition partition, long units, Map<String, Long> counts, PartitionCommit.RowsWrite write)
            throws SQLException {
        return failures.commit(db(), partition, PartitionCommit.currentAttempt(), units, counts, write);
    }

    /** The region pass with this executor's models on the task's device (loaded once per executor JVM). */
    RegionPass regionPass(ModelDevice device) throws SQLException {
        DatasetImages dataset;
        ReleaseTags releaseTags = null;
        try (Connection c = db().getConnection()) {
            dataset = DatasetImages.find(c, this.dataset);
            if (tagger != null) {
                releaseTags = ReleaseTags.load(c, release);
            }
        }
        int[] ids = categories.keySet().stream().mapToInt(Integer::intValue).toArray();
        return new RegionPass(dataset, ids, categories,
                detector == null ? null : ExecutorModels.detector(Path.of(detector), device, batchSize),
                ExecutorModels.embedder(Path.of(embedder), device, batchSize),
                tagger == null ? null : ExecutorModels.tagger(Path.of(tagger), device, batchSize), releaseTags, recheck);
    }

    private static String folder(Path folder) {
        return folder == null ? null : folder.toAbsolutePath().normalize().toString();
    }
}
