package io.tagforge.spark.clean;

import io.tagforge.engine.cleaning.CleaningOptions;
import io.tagforge.engine.cleaning.CleaningRequest;
import io.tagforge.engine.job.ConsoleProgress;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.labelsystem.database.Database;
import io.tagforge.labelsystem.error.TagforgeException;
import io.tagforge.spark.database.DatabaseOptions;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code clean --dataset NAME --spark MASTER}: {@code ./tagforge clean} with its two phases as Spark stages. */
@Command(name = "clean", mixinStandardHelpOptions = true,
        description = "Flags a dataset's doubtful tags as ./tagforge clean does, in Spark tasks: detector regions and "
                + "crop embeddings over image-id ranges, then K-Means++ per category (on a sample for big ones); a "
                + "resumable job whose partitions commit once each.")
public final class SparkCleanCommand implements Callable<Integer> {

    @Mixin
    CleaningOptions cleaning;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Spark master: local[N], spark://HOST:PORT, ... (default: the one spark-submit gives).")
    String master;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Image-id ranges of a new job's region pass (default: 4 × Spark's default parallelism).")
    Integer partitions;

    @Option(names = "--cluster-sample", paramLabel = "N", defaultValue = "100000", description = "Categories with more "
            + "regions are clustered on a seeded sample of N and scored in Spark tasks (default ${DEFAULT-VALUE}).")
    int clusterSample;

    @Option(names = "--image-root", paramLabel = "URI", description = "Where executors read the dataset's images, "
            + "through Hadoop's FileSystem API: file:///..., hdfs://HOST:PORT/..., s3a://BUCKET/... (with hadoop-aws) "
            + "(default: the dataset's image folder, at the same path on every executor).")
    String imageRoot;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() throws Exception {
        if (partitions != null && partitions < 1) {
            throw new TagforgeException("--partitions must be at least 1");
        }
        if (clusterSample < 2) {
            throw new TagforgeException("--cluster-sample must be at least 2");
        }
        CleaningRequest request = cleaning.request();
        try (Database db = database.open()) {
            SparkSession.Builder builder = SparkSession.builder().appName("tagforge clean " + request.dataset());
            if (master != null) {
                builder.master(master);
            }
            SparkSession spark = builder.getOrCreate();
            try {
                int n = partitions != null ? partitions : 4 * spark.sparkContext().defaultParallelism();
                JobRecord job = new SparkCleanJob(spark, db.dataSource(), database.address(db), request, n,
                        clusterSample, imageRoot).run("spark", new ConsoleProgress("clean", "steps"));
                System.out.println("job " + job.id() + " " + job.state() + ": " + job.counts());
            } finally {
                spark.stop();
            }
        }
        return 0;
    }
}
