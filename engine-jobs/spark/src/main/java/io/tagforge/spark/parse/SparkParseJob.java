package io.tagforge.spark.parse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagforge.engine.images.DatasetImages;
import io.tagforge.engine.job.JobContext;
import io.tagforge.engine.job.JobListener;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.job.JobRunner;
import io.tagforge.engine.job.JobStore;
import io.tagforge.engine.parse.ParseDatasetJob;
import io.tagforge.engine.parse.SurfaceObservations;
import io.tagforge.engine.report.StageSummary;
import io.tagforge.labelsystem.transaction.Transactions;
import io.tagforge.spark.database.DatabaseAddress;
import io.tagforge.spark.partition.IdRanges;
import io.tagforge.spark.partition.PartitionCommit;
import io.tagforge.spark.partition.StagePartition;
import io.tagforge.spark.partition.InjectedFailures;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * {@code parse --dataset NAME --spark MASTER}: the parse job of {@link ParseDatasetJob} (same kind and parameters,
 * so {@code ./tagforge jobs} and the UI show it alike), its captions split into id ranges parsed by Spark tasks.
 * The split is kept in the job's checkpoint, so a rerun after a crash or a failed stage runs the same ranges and
 * skips those stage_partition marks done. Executors add their partitions' progress to the job row; the driver
 * reads it back before the job ends, and finishes the job as the local one does (StageSummary.afterJob).
 */
public final class SparkParseJob {

    static final String STAGE = "parse";
    /**
     * A range's most captions: ranges fixed in advance cannot balance load as the local job's shared queue does,
     * so a stage of a few big ranges ends with cores idle while the last ones finish; small ranges also keep each
     * commit's COPY, and its turn holding the job's row, short.
     */
    static final int MAX_RANGE_CAPTIONS = 2_000;
    /** The most ranges (14M captions make 7,000 of 2,000), each a Spark task and a stage_partition row. */
    private static final int MAX_RANGES = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SparkSession spark;
    private final DataSource db;
    private final DatabaseAddress address;
    private final String dataset;
    private final int partitions;

    /**
     * @param db         the driver's connection to the database
     * @param address    the same database, as executors reach it
     * @param partitions how many id ranges a new job splits its captions into at least, more when ranges would
     *                   exceed {@link #MAX_RANGE_CAPTIONS} captions (a resumed job keeps its split)
     */
    public SparkParseJob(SparkSession spark, DataSource db, DatabaseAddress address, String dataset, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        this.spark = spark;
        this.db = db;
        this.address = address;
        this.dataset = dataset;
        this.partitions = partitions;
    }

    /** Continues this dataset's unfinished parse job, or starts one. */
    public JobRecord run(String createdBy, JobListener listener) throws Exception {
        ObjectNode params = JSON.createObjectNode().put("dataset", dataset);
        return new JobRunner(new JobStore(Transactions.over(db))).runOrResume(ParseDatasetJob.KIND, params, createdBy, this::run,
                listener);
    }

    private void run(JobContext ctx) throws SQLException {
        int datasetId;
        try (Connection c = db.getConnection()) {
            datasetId = DatasetImages.find(c, dataset).datasetId();
        }
        IdRanges ranges = ctx.checkpoint() != null && ctx.checkpoint().has(JobContext.SPLIT)
                ? IdRanges.of(ctx.checkpoint().path(JobContext.SPLIT)) : split(ctx, datasetId);
        List<StagePartition> todo = ranges.todo(db, ctx.jobId(), STAGE);
        ctx.log("INFO", "spark: " + todo.size() + " of " + ranges.count() + " caption ranges to parse");
        try {
            if (!todo.isEmpty()) {
                JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
                sc.setJobDescription("tagforge parse " + dataset + " (job " + ctx.jobId() + ")");
                long parsed = sc.parallelize(todo, todo.size())
                        .map(new ParsePartition(address, datasetId, InjectedFailures.from(spark.conf())))
                        .reduce(Long::sum);
                ctx.log("INFO", "spark: " + parsed + " captions parsed in " + todo.size() + " ranges");
            }
        } finally {
            PartitionCommit.takeExecutorsProgress(db, ctx);
        }
        StageSummary.afterJob(ctx, ParseDatasetJob.KIND, datasetId);
    }

    /**
     * A new job's ranges: N caption-id ranges of about equal counts (after the checkpoint of a local run this job
     * continues), kept in the checkpoint with the observations cleared, as a new local parse clears them.
     */
    private IdRanges split(JobContext ctx, int datasetId) throws SQLException {
        long after = ctx.checkpoint() == null ? 0 : ctx.checkpoint().path("after").asLong();
        String captions = "SELECT c.id FROM caption c JOIN image i ON i.id = c.image_id WHERE i.dataset_id = ? AND c.id > ?";
        IdRanges.Split split = IdRanges.split(db, partitions, captions, datasetId, after);
        long needed = Math.min(MAX_RANGES, (split.ids() + MAX_RANGE_CAPTIONS - 1) / MAX_RANGE_CAPTIONS);
        if (needed > partitions) {
            split = IdRanges.split(db, (int) needed, captions, datasetId, after);
        }
        boolean fresh = ctx.checkpoint() == null;
        ctx.commitBatch(c -> {
            if (fresh) {
                SurfaceObservations.clear(c, datasetId);
            }
        }, JSON.createObjectNode().put("after", after).set(JobContext.SPLIT, split.ranges().json()), 0, Map.of());
        ctx.total(ctx.progress() + split.ids());
        return split.ranges();
    }
}
