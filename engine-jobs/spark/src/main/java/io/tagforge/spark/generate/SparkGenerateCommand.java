package io.tagforge.spark.generate;

import io.tagforge.engine.generation.GenerateCommand;
import io.tagforge.engine.generation.GenerationRequest;
import io.tagforge.engine.job.ConsoleProgress;
import io.tagforge.labelsystem.database.Database;
import io.tagforge.labelsystem.error.TagforgeException;
import io.tagforge.labelsystem.vocabulary.DatabaseVocabulary;
import io.tagforge.spark.database.DatabaseOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code generate --dataset NAME --spark MASTER}: {@code ./tagforge generate} with Spark tasks running the models,
 * each on the GPU Spark's resource scheduling gave it, or the CPU.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Adds the tagger's tags (source MODEL) and generated captions, parsed with the database's "
                + "vocabulary (PARSED_GENERATED), to a dataset's images, as ./tagforge generate does, in Spark "
                + "tasks: a resumable job whose image-id ranges commit once each. A task runs its models on the GPU "
                + "Spark gave it (spark.task.resource.gpu.amount), else on the CPU.")
public final class SparkGenerateCommand implements Callable<Integer> {

    @Option(names = "--dataset", required = true, description = "Dataset name.")
    String dataset;

    @Option(names = "--tagger", required = true, description = "Tagger model folder (model.json + weights), at "
            + "this path on every executor.")
    Path tagger;

    @Option(names = "--release", description = "Release whose tags the tagger's outputs are, in index order "
            + "(default: model.json's \"release\").")
    String release;

    @Option(names = "--captioner", description = "Captioner model folder; its captions are stored as GENERATED.")
    Path captioner;

    @Option(names = "--batch-size", defaultValue = "32", description = "Images per model batch (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--image-root", paramLabel = "URI", description = "Where executors read the dataset's images, "
            + "through Hadoop's FileSystem API: file:///..., hdfs://HOST:PORT/..., s3a://BUCKET/... (with hadoop-aws) "
            + "(default: the dataset's image folder, at the same path on every executor).")
    String imageRoot;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Spark master: local[N], spark://HOST:PORT, ... (default: the one spark-submit gives).")
    String master;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Image-id ranges of a new job (default: 4 × Spark's default parallelism).")
    Integer partitions;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() throws Exception {
        if (batchSize < 1) {
            throw new TagforgeException("--batch-size must be at least 1");
        }
        if (partitions != null && partitions < 1) {
            throw new TagforgeException("--partitions must be at least 1");
        }
        GenerationRequest request = new GenerationRequest(dataset, tagger, GenerationRequest.release(tagger, release),
                captioner, batchSize);
        try (Database db = database.open()) {
            boolean parseCaptions = captioner != null && DatabaseVocabulary.hasTags(db.dataSource());
            SparkSession.Builder builder = SparkSession.builder().appName("tagforge generate " + dataset);
            if (master != null) {
                builder.master(master);
            }
            SparkSession spark = builder.getOrCreate();
            try {
                int n = partitions != null ? partitions : 4 * spark.sparkContext().defaultParallelism();
                GenerateCommand.report(new SparkGenerateJob(spark, db.dataSource(), database.address(db), request,
                        parseCaptions, imageRoot, n).run("spark", new ConsoleProgress("generate", "images")));
            } finally {
                spark.stop();
            }
        }
        return 0;
    }
}
