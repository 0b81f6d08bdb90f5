package io.tagforge.spark.generate;

import io.tagforge.engine.generation.GenerateCommand;
import io.tagforge.engine.generation.GenerationOptions;
import io.tagforge.engine.generation.GenerationRequest;
import io.tagforge.engine.job.ConsoleProgress;
import io.tagforge.engine.model.ModelDevice;
import io.tagforge.labelsystem.database.Database;
import io.tagforge.labelsystem.vocabulary.DatabaseVocabulary;
import io.tagforge.spark.ImageRootOption;
import io.tagforge.spark.SparkOptions;
import io.tagforge.spark.database.DatabaseOptions;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code generate --dataset NAME --spark MASTER}: {@code ./tagforge generate} with Spark tasks running the models,
 * each on the GPU Spark's resource scheduling gave it, or the CPU.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Adds the tagger's tags (source MODEL) and generated captions, parsed with the database's "
                + "vocabulary (PARSED_GENERATED), to a dataset's images, as ./tagforge generate does, in Spark "
                + "tasks: a resumable job whose image-id ranges commit once each. Model folders are read at the "
                + "same path on every executor; a task runs its models on the GPU Spark gave it "
                + "(spark.task.resource.gpu.amount), else on the CPU.")
public final class SparkGenerateCommand implements Callable<Integer> {

    @Mixin
    GenerationOptions generation;

    @Mixin
    ImageRootOption imageRoot;

    @Mixin
    SparkOptions sparkOptions;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() throws Exception {
        sparkOptions.check();
        // the device is the task's (TaskDevices), not the request's
        GenerationRequest request = generation.request(ModelDevice.CPU);
        try (Database db = database.open()) {
            boolean parseCaptions = request.captioner() != null && DatabaseVocabulary.hasTags(db.dataSource());
            try (SparkSession spark = sparkOptions.session("tagforge generate " + request.dataset())) {
                GenerateCommand.report(new SparkGenerateJob(spark, db.dataSource(), database.address(db), request,
                        parseCaptions, imageRoot.uri(), sparkOptions.partitions(spark))
                        .run("spark", new ConsoleProgress("generate", "images")));
            }
        }
        return 0;
    }
}
