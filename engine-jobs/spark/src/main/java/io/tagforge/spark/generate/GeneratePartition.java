package io.tagforge.spark.generate;

import io.tagforge.engine.generation.BatchGeneration;
import io.tagforge.engine.generation.BatchGeneration.Inputs;
import io.tagforge.engine.generation.GeneratedRows;
import io.tagforge.engine.images.DatasetImages;
import io.tagforge.engine.images.DatasetImages.ImageRow;
import io.tagforge.engine.job.JobStore;
import io.tagforge.engine.model.Captioner;
import io.tagforge.engine.model.ModelDevice;
import io.tagforge.engine.model.Tagger;
import io.tagforge.engine.pipeline.ImageDecoding;
import io.tagforge.engine.pipeline.ImageDecoding.Outcome;
import io.tagforge.engine.pipeline.ImageDecoding.Pending;
import io.tagforge.engine.release.ReleaseTags;
import io.tagforge.spark.database.DatabaseAddress;
import io.tagforge.spark.executor.ExecutorModels;
import io.tagforge.spark.executor.HadoopImages;
import io.tagforge.spark.executor.TaskDevices;
import io.tagforge.spark.partition.InjectedFailures;
import io.tagforge.spark.parse.Parsers;
import io.tagforge.spark.partition.PartitionCommit;
import io.tagforge.spark.partition.StagePartition;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.apache.spark.api.java.function.Function;

/**
 * A Spark task of the generation stage: the images of one id range through the local job's
 * {@link BatchGeneration}, a batch at a time (the next batch decoded while the models run), on the task's device
 * with this executor's models, and all their rows committed once ({@link PartitionCommit}); the images it skipped
 * go to the job's log after the commit. Gives the images it committed, 0 when another attempt had.
 */
final class GeneratePartition implements Function<StagePartition, Long> {

    private final DatabaseAddress database;
    private final SparkGeneration generation;
    private final HadoopImages images;
    private final InjectedFailures failures;

    GeneratePartition(DatabaseAddress database, SparkGeneration generation, HadoopImages images,
            InjectedFailures failures) {
        this.database = database;
        this.generation = generation;
        this.images = images;
        this.failures = failures;
    }

    @Override
    public Long call(StagePartition partition) throws Exception {
        DataSource db = database.pool();
        if (PartitionCommit.isDone(db, partition)) {
            return 0L;
        }
        DatasetImages dataset;
        ReleaseTags release;
        try (Connection c = db.getConnection()) {
            dataset = DatasetImages.find(c, generation.dataset());
            release = ReleaseTags.load(c, generation.release());
        }
        ModelDevice device = TaskDevices.current();
        Tagger tagger = ExecutorModels.tagger(Path.of(generation.tagger()), device, generation.batchSize());
        Captioner captioner = generation.captioner() == null ? null
                : ExecutorModels.captioner(Path.of(generation.captioner()), device, generation.batchSize());
        BatchGeneration batches = new BatchGeneration(dataset.datasetId(), release, tagger, captioner,
                generation.parseCaptions() ? Parsers.of(database, partition.jobId())::parseAll : null);
        GeneratedRows rows = batches.rows();
        long covered = 0;
        try (ImageDecoding decoding = new ImageDecoding("generate-decode")) {
            Pending<ImageRow, Inputs> next = decode(db, dataset, partition, partition.rangeStart() - 1, decoding, batches);
            while (next != null) {
                List<Outcome<ImageRow, Inputs>> outcomes = next.await();
                next = decode(db, dataset, partition, outcomes.get(outcomes.size() - 1).row().id(), decoding, batches);
                batches.generate(outcomes, rows);
                covered += outcomes.size();
            }
        }
        String attempt = PartitionCommit.currentAttempt() + " (" + device + ")";
        // the skipped images' log lines commit with the rows, once
        boolean committed = failures.commit(db, partition, attempt, covered, rows.counts(), c -> {
            rows.write(c);
            for (String line : rows.skipped()) {
                JobStore.log(c, partition.jobId(), "WARN", line);
            }
        });
        return committed ? covered : 0L;
    }

    /** The range's next batch of images after {@code afterId}, being decoded and prepared; null after its last. */
    private Pending<ImageRow, Inputs> decode(DataSource db, DatasetImages dataset, StagePartition partition,
            long afterId, ImageDecoding decoding, BatchGeneration batches) throws SQLException {
        List<ImageRow> batch;
        try (Connection c = db.getConnection()) {
            batch = dataset.after(c, afterId, generation.batchSize()).stream()
                    .filter(row -> row.id() < partition.rangeEnd()).toList();
        }
        return batch.isEmpty() ? null : decoding.submit(batch, row -> batches.prepare(images.read(row.path())));
    }
}
