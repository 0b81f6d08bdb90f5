package io.tagforge.spark.parse;

import io.tagforge.engine.job.ConsoleProgress;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.labelsystem.database.Database;
import io.tagforge.labelsystem.error.TagforgeException;
import io.tagforge.labelsystem.vocabulary.DatabaseVocabulary;
import io.tagforge.spark.SparkOptions;
import io.tagforge.spark.database.DatabaseAddress;
import io.tagforge.spark.database.DatabaseOptions;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code parse --dataset NAME --spark MASTER}: {@code ./tagforge parse --dataset} with Spark tasks doing the parsing. */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = "Parses a dataset's captions into tag assignments with the database's vocabulary, as "
                + "./tagforge parse --dataset does, in Spark tasks: a resumable job whose caption-id ranges "
                + "commit once each.")
public final class SparkParseCommand implements Callable<Integer> {

    @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "The dataset to parse.")
    String dataset;

    @Mixin
    SparkOptions sparkOptions;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() throws Exception {
        sparkOptions.check();
        try (Database db = database.open()) {
            if (!DatabaseVocabulary.hasTags(db.dataSource())) {
                throw new TagforgeException("the database has no tags to parse into: import a vocabulary first "
                        + "(./tagforge vocab import-ram)");
            }
            DatabaseAddress address = database.address(db);
            try (SparkSession spark = sparkOptions.session("tagforge parse " + dataset)) {
                JobRecord job = new SparkParseJob(spark, db.dataSource(), address, dataset, sparkOptions.partitions(spark))
                        .run("spark", new ConsoleProgress("parse", "captions"));
                System.out.printf(Locale.ROOT, "job %d %s: %d captions, %d PARSED_ORIGINAL and %d PARSED_GENERATED "
                                + "tags, %d caption ranges%n", job.id(), job.state(),
                        job.counts().path("captions").asLong(), job.counts().path("parsed_original_tags").asLong(),
                        job.counts().path("parsed_generated_tags").asLong(), job.counts().path("partitions").asLong());
            }
        }
        return 0;
    }
}
