package io.tagforge.engine.cli;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.spring.PicocliSpringFactory;

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
        System.exit(execute(args));
    }

    /**
     * Parses first, on commands built without Spring: help, version, usage and parse errors answer in a
     * fraction of a second. Only a command that runs starts the application context (and with it the database).
     */
    static int execute(String[] args) {
        CommandLine parseOnly = new CommandLine(TagforgeCli.class, new ParseOnlyFactory());
        parseOnly.setExecutionStrategy(parsed -> {
            Integer help = CommandLine.executeHelpRequest(parsed);
            if (help != null) {
                return help;
            }
            if (!runsCommand(parsed)) {
                return new CommandLine.RunLast().execute(parsed);
            }
            try (ConfigurableApplicationContext context = CliApplication.start(Map.of())) {
                return commandLine(context).execute(args);
            }
        });
        return parseOnly.execute(args);
    }

    /** False for {@code tagforge} alone (usage) and a group without its subcommand (a parse error). */
    private static boolean runsCommand(CommandLine.ParseResult parsed) {
        List<CommandLine> matched = parsed.asCommandLineList();
        Object command = matched.get(matched.size() - 1).getCommand();
        return !(command instanceof TagforgeCli) && (command instanceof Runnable || command instanceof Callable<?>);
    }

    /** The command tree with every command built by the context's beans, for main and for tests. */
    public static CommandLine commandLine(ApplicationContext context) {
        CommandLine cli = new CommandLine(TagforgeCli.class, new PicocliSpringFactory(context));
        cli.setExecutionExceptionHandler(new UserErrorHandler());
        return cli;
    }
}
