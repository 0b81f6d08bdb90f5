package io.tagforge.spark.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import io.tagforge.spark.partition.PartitionCommit;
import io.tagforge.spark.partition.StagePartition;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
        List<Long> bounds = ctx.checkpoint() != null && ctx.checkpoint().has("ranges")
                ? bounds(ctx.checkpoint().path("ranges")) : split(ctx, datasetId);
        Set<Long> done = PartitionCommit.done(db, ctx.jobId(), STAGE);
        List<StagePartition> todo = new ArrayList<>();
        for (int i = 0; i + 1 < bounds.size(); i++) {
            if (!done.contains(bounds.get(i))) {
                todo.add(new StagePartition(ctx.jobId(), STAGE, bounds.get(i), bounds.get(i + 1)));
            }
        }
        // no captions, no bounds
        int ranges = Math.max(0, bounds.size() - 1);
        ctx.log("INFO", "spark: " + todo.size() + " of " + ranges + " caption ranges to parse");
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
            takeExecutorsProgress(ctx);
        }
        StageSummary.afterJob(ctx, ParseDatasetJob.KIND, datasetId);
    }

    /**
     * A new job's ranges: N caption-id ranges of about equal counts (after the checkpoint of a local run this job
     * continues), kept in the checkpoint with the observations cleared, as a new local parse clears them.
     */
    private List<Long> split(JobContext ctx, int datasetId) throws SQLException {
        long after = ctx.checkpoint() == null ? 0 : ctx.checkpoint().path("after").asLong();
        TreeSet<Long> bounds = new TreeSet<>();
        long captions;
        try (Connection c = db.getConnection()) {
            captions = count(c, datasetId, after);
            int n = (int) Math.max(partitions, Math.min(MAX_RANGES, (captions + MAX_RANGE_CAPTIONS - 1) / MAX_RANGE_CAPTIONS));
            Double[] fractions = new Double[n];
            for (int i = 0; i < n; i++) {
                fractions[i] = (double) i / n;
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT percentile_disc(?) WITHIN GROUP (ORDER BY c.id), "
                    + "max(c.id) FROM caption c JOIN image i ON i.id = c.image_id WHERE i.dataset_id = ? AND c.id > ?")) {
                ps.setArray(1, c.createArrayOf("float8", fractions));
                ps.setInt(2, datasetId);
                ps.setLong(3, after);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (captions > 0) {
                        Array starts = rs.getArray(1);
                        for (Long start : (Long[]) starts.getArray()) {
                            bounds.add(start);
                        }
                        bounds.add(rs.getLong(2) + 1);
                    }
                }
            }
        }
        ArrayNode ranges = JSON.createArrayNode();
        bounds.forEach(ranges::add);
        boolean fresh = ctx.checkpoint() == null;
        ctx.commitBatch(c -> {
            if (fresh) {
                SurfaceObservations.clear(c, datasetId);
            }
        }, JSON.createObjectNode().put("after", after).set("ranges", ranges), 0, Map.of());
        ctx.total(ctx.progress() + captions);
        return new ArrayList<>(bounds);
    }

    private static long count(Connection c, int datasetId, long after) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM caption c JOIN image i ON i.id = c.image_id "
                + "WHERE i.dataset_id = ? AND c.id > ?")) {
            ps.setInt(1, datasetId);
            ps.setLong(2, after);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<Long> bounds(JsonNode ranges) {
        List<Long> bounds = new ArrayList<>();
        for (Iterator<JsonNode> it = ranges.elements(); it.hasNext(); ) {
            bounds.add(it.next().asLong());
        }
        return bounds;
    }

    /** The job row's progress and counts as the executors left them, into the context that writes the row last. */
    private void takeExecutorsProgress(JobContext ctx) {
        JobRecord row = new JobStore(Transactions.over(db)).find(ctx.jobId()).orElseThrow();
        ctx.advance(row.progress() - ctx.progress());
        row.counts().fields().forEachRemaining(e -> ctx.count(e.getKey(), e.getValue().asLong() - ctx.count(e.getKey())));
    }
}
