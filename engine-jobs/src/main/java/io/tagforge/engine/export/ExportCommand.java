package io.tagforge.engine.export;

import io.tagforge.engine.job.ConsoleProgress;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.job.JobState;
import io.tagforge.labelsystem.error.TagforgeException;
import io.tagforge.labelsystem.transaction.Transactions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Writes a dataset's tags under a release's IDs as a training file, with the release's tag lists "
                + "and a manifest beside it.",
        subcommands = {ExportCommand.Ram.class, ExportCommand.Jsonl.class})
public class ExportCommand {

    @Command(name = "ram", mixinStandardHelpOptions = true,
            description = "RAM's training JSON: [{image_path, caption[], union_label_id[], parse_label_id[][]}], "
                    + "IDs 0-based in the release (class_num = its size).")
    static class Ram extends Options {
        Ram(Transactions transactions) {
            super(transactions, ExportFormat.RAM_JSON);
        }
    }

    @Command(name = "jsonl", mixinStandardHelpOptions = true,
            description = "One image per line with caption, tag IDs and tag names.")
    static class Jsonl extends Options {
        Jsonl(Transactions transactions) {
            super(transactions, ExportFormat.JSONL);
        }
    }

    abstract static class Options implements Callable<Integer> {
        private final Transactions transactions;
        private final ExportFormat format;

        @Spec
        CommandSpec spec;

        @Option(names = "--dataset", required = true, paramLabel = "NAME")
        String dataset;

        @Option(names = "--release", required = true, paramLabel = "NAME", description = "Its order gives the IDs.")
        String release;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The training file. Its folder "
                + "must be new or empty: the export's tag lists and manifest go beside it.")
        Path out;

        @Option(names = "--policy", defaultValue = "ALL", paramLabel = "POLICY",
                description = "ALL (parsed, generated and model tags), PARSED (no model tags) or ORIGINAL (original "
                        + "captions and their tags only); manual tags always. Default: ${DEFAULT-VALUE}.")
        ExportPolicy policy;

        @Option(names = "--include-unreviewed", description = "Also flagged tags nobody has reviewed yet.")
        boolean includeUnreviewed;

        @Option(names = "--paths", defaultValue = "relative", paramLabel = "absolute|relative",
                description = "image_path relative to the dataset's image folder (the manifest's image_root) or "
                        + "absolute. Default: ${DEFAULT-VALUE}.")
        String paths;

        @Option(names = "--split", paramLabel = "NAME=FRACTION",
                description = "Holds out a stable, path-hashed part of the images, e.g. val=0.05, into NAME.<part>.json.")
        String split;

        Options(Transactions transactions, ExportFormat format) {
            this.transactions = transactions;
            this.format = format;
        }

        @Override
        public Integer call() throws Exception {
            ExportRequest request = new ExportRequest(dataset, release, format, out, policy, includeUnreviewed,
                    split == null ? null : Split.parse(split), imagePaths());
            if (java.nio.file.Files.isDirectory(request.out())) {
                throw new TagforgeException("--out " + out + " is a directory; name the file to write");
            }
            JobRecord job = ExportJob.run(transactions, request, "cli", new ConsoleProgress("export", "img"));
            if (job.state() == JobState.CANCELLED) {
                spec.commandLine().getErr().println("export job " + job.id() + " cancelled; nothing was written");
                return 3;
            }
            var print = spec.commandLine().getOut();
            print.printf("export job %d: %d images (%d captions, %d tag assignments read) -> %s%n", job.id(),
                    job.count("images"), job.count("captions"), job.count("assignments"), request.out());
            print.printf("manifest %s%n", ExportJob.manifestPath(request.out()));
            print.flush();
            return 0;
        }

        private ImagePaths imagePaths() {
            return switch (paths.toLowerCase(java.util.Locale.ROOT)) {
                case "relative" -> ImagePaths.RELATIVE;
                case "absolute" -> ImagePaths.ABSOLUTE;
                default -> throw new TagforgeException("--paths: \"" + paths + "\" is neither absolute nor relative");
            };
        }
    }
}
