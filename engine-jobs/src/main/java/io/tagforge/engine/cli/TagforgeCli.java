package io.tagforge.engine.cli;

import io.tagforge.labelsystem.database.DatabaseSettings;
import io.tagforge.engine.bench.BenchCommand;
import io.tagforge.engine.cleaning.CleanCommand;
import io.tagforge.engine.generation.GenerateCommand;
import io.tagforge.engine.model.ModelsCommand;
import io.tagforge.engine.regions.RegionsCommand;
import io.tagforge.engine.evaluate.EvaluateCommand;
import io.tagforge.engine.export.ExportCommand;
import io.tagforge.engine.dataset.DatasetsCommand;
import io.tagforge.engine.demo.DemoCommand;
import io.tagforge.engine.ingest.IngestCommand;
import io.tagforge.engine.job.JobsCommand;
import io.tagforge.engine.vocab.VocabCommand;
import io.tagforge.engine.parse.ParseCommand;
import io.tagforge.engine.review.ReviewCommand;
import io.tagforge.engine.report.ReportCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./tagforge}: every subcommand is a feature's own class, listed here. */
@Command(name = "tagforge", mixinStandardHelpOptions = true, version = "Tagforge 0.1.0",
        description = "Builds and curates the training labels of RAM-style image taggers.",
        subcommands = {
                DbCommand.class,
                IngestCommand.class,
                DemoCommand.class,
                DatasetsCommand.class,
                JobsCommand.class,
                BenchCommand.class,
                GenerateCommand.class,
                CleanCommand.class,
                RegionsCommand.class,
                EvaluateCommand.class,
                ExportCommand.class,
                VocabCommand.class,
                ParseCommand.class,
                ReviewCommand.class,
                ReportCommand.class,
                ModelsCommand.class,
        })
public class TagforgeCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        int code;
        try (AppContext context = new AppContext(DatabaseSettings.fromEnvironment())) {
            code = commandLine(context).execute(args);
        }
        System.exit(code);
    }

    /** The command tree with every command built by {@link ContextFactory}, for main and for tests. */
    public static CommandLine commandLine(AppContext context) {
        CommandLine cli = new CommandLine(new TagforgeCli(), new ContextFactory(context));
        cli.setExecutionExceptionHandler(new UserErrorHandler());
        return cli;
    }
}
