package io.tagforge.spark.clean;

import io.tagforge.engine.cleaning.CleaningJob;
import io.tagforge.engine.cleaning.CleaningRequest;
import io.tagforge.engine.cleaning.OutlierPass;
import io.tagforge.engine.cleaning.RegionPass;
import io.tagforge.engine.images.DatasetImages;
import io.tagforge.engine.job.JobContext;
import io.tagforge.engine.job.JobListener;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.job.JobRunner;
import io.tagforge.engine.job.JobStore;
import io.tagforge.engine.model.Detector;
import io.tagforge.engine.model.ModelDevice;
import io.tagforge.engine.model.ModelSpec;
import io.tagforge.engine.report.StageSummary;
import io.tagforge.labelsystem.transaction.Transactions;
import io.tagforge.spark.database.DatabaseAddress;
import io.tagforge.spark.executor.HadoopImages;
import io.tagforge.spark.partition.InjectedFailures;
import io.tagforge.spark.partition.IdRanges;
import io.tagforge.spark.partition.PartitionCommit;
import io.tagforge.spark.partition.StagePartition;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * {@code clean --dataset NAME --spark MASTER}: the clean job of {@link CleaningJob} (same kind and parameters, so
 * {@code ./tagforge jobs} and the UI show it alike, and the same checkpoint phases) with its two phases as Spark
 * stages: clean-detect, the region pass over image-id ranges (kept in the checkpoint), and clean-cluster, one task per
 * category that fits in {@code clusterSample} regions (exactly the local job's flags) and {@link BigCategory} for
 * the others. Every partition commits once ({@link PartitionCommit}); a rerun runs only the partitions not committed.
 */
public final class SparkCleanJob {

    static final String DETECT = "clean-detect";
    static final String CLUSTER = "clean-cluster";

    private final SparkSession spark;
    private final DataSource db;
    private final DatabaseAddress address;
    private final CleaningRequest request;
    private final int partitions;
    private final int clusterSample;
    private final String imageRoot;

    /**
     * @param partitions    image-id ranges a new job's region pass is split into (a resumed job keeps its split)
     * @param clusterSample the most regions a category is clustered whole with; bigger ones are sampled
     * @param imageRoot     the URI executors read the dataset's images under; null: the dataset's image root
     */
    public SparkCleanJob(SparkSession spark, DataSource db, DatabaseAddress address, CleaningRequest request,
            int partitions, int clusterSample, String imageRoot) {
        if (partitions < 1 || clusterSample < 2) {
            throw new IllegalArgumentException("partitions must be at least 1 and the cluster sample at least 2, were "
                    + partitions + " and " + clusterSample);
        }
        this.spark = spark;
        this.db = db;
        this.address = address;
        this.request = request;
        this.partitions = partitions;
        this.clusterSample = clusterSample;
        this.imageRoot = imageRoot;
    }

    /** Continues this dataset's unfinished clean job with these parameters, or starts one. */
    public JobRecord run(String createdBy, JobListener listener) throws Exception {
        return new JobRunner(new JobStore(Transactions.over(db))).runOrResume(CleaningJob.KIND, request.toParams(),
                createdBy, this::run, listener);
    }

    private void run(JobContext ctx) throws Exception {
        DatasetImages images;
        try (Connection c = db.getConnection()) {
            images = DatasetImages.find(c, request.dataset());
        }
        if (ctx.checkpoint() == null) {
            // the driver loads the detector only to know which categories it can look for: on the CPU, the GPUs are
            // the executors' (tasks take the one Spark gives them)
            try (Detector detector = request.detector() == null ? null
                    : Detector.load(request.detector(), ModelDevice.CPU, request.batchSize())) {
                new CleaningJob(request).start(ctx, images, detector);
            }
        }
        LinkedHashMap<Integer, String> categories = new LinkedHashMap<>(
                CleaningJob.names(ctx, ctx.checkpoint().path("categories")));
        OutlierPass outliers = new OutlierPass(images.datasetId(), ModelSpec.read(request.embedder()).name(), request);
        CleaningOnExecutors cleaning = CleaningOnExecutors.of(address, request,
                HadoopImages.of(images, imageRoot, spark.sparkContext().getConf()), categories, outliers,
                InjectedFailures.from(spark.conf()));
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        sc.setJobDescription("tagforge clean " + request.dataset() + " (job " + ctx.jobId() + ")");
        try {
            if (ctx.checkpoint().path("phase").asText().equals("regions")) {
                detect(ctx, sc, images, cleaning);
            }
            if (ctx.checkpoint().path("phase").asText().equals("outliers")) {
                cluster(ctx, sc, cleaning);
            }
        } finally {
            PartitionCommit.takeExecutorsProgress(db, ctx);
        }
        StageSummary.afterJob(ctx, CleaningJob.KIND, images.datasetId());
    }

    /** clean-detect: the region pass over image-id ranges, then the checkpoint of the local job's outlier phase. */
    private void detect(JobContext ctx, JavaSparkContext sc, DatasetImages images, CleaningOnExecutors cleaning)
            throws SQLException {
        if (!ctx.checkpoint().has(JobContext.SPLIT)) {
            int[] categories = cleaning.categories().keySet().stream().mapToInt(Integer::intValue).toArray();
            IdRanges ranges = IdRanges.split(db, partitions, RegionPass.batchStarts(images.datasetId(), categories,
                    cleaning.recheck(), cleaning.batchSize())).ranges().openEnded();
            ctx.commitBatch(c -> { }, CleaningJob.checkpoint(ctx, "regions").put("after", 0L).set(JobContext.SPLIT,
                    ranges.json()), 0, Map.of());
        }
        List<StagePartition> todo = IdRanges.of(ctx.checkpoint().path(JobContext.SPLIT)).todo(db, ctx.jobId(), DETECT);
        ctx.log("INFO", "spark: " + todo.size() + " image ranges to detect and embed");
        if (!todo.isEmpty()) {
            long done = sc.parallelize(todo, todo.size()).map(new DetectPartition(cleaning)).reduce(Long::sum);
            ctx.log("INFO", "spark: " + done + " images in " + todo.size() + " ranges");
        }
        PartitionCommit.takeExecutorsProgress(db, ctx);
        ctx.commitBatch(c -> { }, CleaningJob.checkpoint(ctx, "outliers").put("next", 0), 0, Map.of());
    }

    /** clean-cluster: small categories a task each, then the big ones, then the job's last checkpoint. */
    private void cluster(JobContext ctx, JavaSparkContext sc, CleaningOnExecutors cleaning) throws SQLException {
        Set<Long> done = PartitionCommit.done(db, ctx.jobId(), CLUSTER);
        List<StagePartition> small = new ArrayList<>();
        Map<Integer, Integer> big = new LinkedHashMap<>();
        try (Connection c = db.getConnection()) {
            for (int tagId : cleaning.categories().keySet()) {
                int regions = cleaning.outliers().regionCount(c, tagId);
                if (regions > clusterSample) {
                    big.put(tagId, regions);
                } else if (!done.contains((long) tagId)) {
                    small.add(new StagePartition(ctx.jobId(), CLUSTER, tagId, tagId + 1L));
                }
            }
        }
        ctx.log("INFO", "spark: " + small.size() + " categories to cluster whole, " + big.size()
                + " with more than " + clusterSample + " regions to cluster on a sample");
        if (!small.isEmpty()) {
            sc.parallelize(small, small.size()).map(new ClusterPartition(cleaning)).reduce(Long::sum);
        }
        for (Map.Entry<Integer, Integer> category : big.entrySet()) {
            long committed = BigCategory.run(sc, db, cleaning, ctx.jobId(), category.getKey(), category.getValue(),
                    clusterSample);
            ctx.log("INFO", "spark: category " + cleaning.categories().get(category.getKey()) + ", "
                    + category.getValue() + " regions: " + committed + " partitions committed");
        }
        PartitionCommit.takeExecutorsProgress(db, ctx);
        ctx.commitBatch(c -> { }, CleaningJob.checkpoint(ctx, "done"), 0, Map.of());
    }
}
