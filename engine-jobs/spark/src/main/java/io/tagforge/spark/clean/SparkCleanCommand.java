package io.tagforge.spark.clean;

import io.tagforge.engine.cleaning.CleaningOptions;
import io.tagforge.engine.cleaning.CleaningRequest;
import io.tagforge.engine.job.ConsoleProgress;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.labelsystem.database.Database;
import io.tagforge.labelsystem.error.TagforgeException;
import io.tagforge.spark.ImageRootOption;
import io.tagforge.spark.SparkOptions;
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

    @Mixin
    SparkOptions sparkOptions;

    @Option(names = "--cluster-sample", paramLabel = "N", defaultValue = "100000", description = "Categories with more "
            + "regions are clustered on a seeded sample of N and scored in Spark tasks (default ${DEFAULT-VALUE}).")
    int clusterSample;

    @Mixin
    ImageRootOption imageRoot;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() throws Exception {
        sparkOptions.check();
        if (clusterSample < 2) {
            throw new TagforgeException("--cluster-sample must be at least 2");
        }
        CleaningRequest request = cleaning.request();
        try (Database db = database.open()) {
            try (SparkSession spark = sparkOptions.session("tagforge clean " + request.dataset())) {
                JobRecord job = new SparkCleanJob(spark, db.dataSource(), database.address(db), request,
                        sparkOptions.partitions(spark), clusterSample, imageRoot.uri())
                        .run("spark", new ConsoleProgress("clean", "steps"));
                System.out.println("job " + job.id() + " " + job.state() + ": " + job.counts());
            }
        }
        return 0;
    }
}
