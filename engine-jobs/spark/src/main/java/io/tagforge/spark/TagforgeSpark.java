package io.tagforge.spark;

import io.tagforge.engine.cli.UserErrorHandler;
import io.tagforge.spark.bench.SparkBenchCommand;
import io.tagforge.spark.clean.SparkCleanCommand;
import io.tagforge.spark.generate.SparkGenerateCommand;
import io.tagforge.spark.parse.SparkParseCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The Spark job jar's command line: {@code parse|generate|clean --dataset NAME --spark MASTER}. {@code ./tagforge} routes a
 * command with {@code --spark} here; {@code spark-submit --class io.tagforge.spark.TagforgeSpark} runs it too.
 */
@Command(name = "tagforge-spark", mixinStandardHelpOptions = true, version = "Tagforge Spark 0.1.0",
        description = "Tagforge's stages on Apache Spark, over the same database as ./tagforge.",
        subcommands = {SparkParseCommand.class, SparkGenerateCommand.class, SparkCleanCommand.class,
                SparkBenchCommand.class})
public final class TagforgeSpark {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new TagforgeSpark()).setExecutionExceptionHandler(new UserErrorHandler());
    }
}
