package io.tagforge.spark;

import io.tagforge.labelsystem.error.TagforgeException;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** {@code --spark MASTER} and {@code --partitions N}: the Spark session a stage runs in and its split. */
public final class SparkOptions {

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Spark master: local[N], spark://HOST:PORT, ... (default: the one spark-submit gives).")
    String master;

    @Option(names = "--partitions", paramLabel = "N", description = "Id ranges a new job splits its work into "
            + "(captions for parse, images for generate; default: 4 × Spark's default parallelism).")
    Integer partitions;

    /** Checks the options; run before anything else of the command. */
    public void check() {
        if (partitions != null && partitions < 1) {
            throw new TagforgeException("--partitions must be at least 1");
        }
    }

    /** The session: on the master asked for, else on spark-submit's. */
    public SparkSession session(String appName) {
        SparkSession.Builder builder = SparkSession.builder().appName(appName);
        if (master != null) {
            builder.master(master);
        }
        return builder.getOrCreate();
    }

    /** How many id ranges a new job makes in this session. */
    public int partitions(SparkSession spark) {
        return partitions != null ? partitions : 4 * spark.sparkContext().defaultParallelism();
    }
}
