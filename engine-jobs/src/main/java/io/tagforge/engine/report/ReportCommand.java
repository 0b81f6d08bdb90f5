package io.tagforge.engine.report;

import io.tagforge.engine.export.StagedFile;
import io.tagforge.labelsystem.error.TagforgeException;
import io.tagforge.labelsystem.transaction.Transactions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Writes a dataset's report (RAM's Table 5: tags after each stage, flags and review, tag "
                + "frequency, kinds, review progress) as one self-contained HTML file with its charts inline.")
public class ReportCommand implements Callable<Integer> {

    private final Transactions transactions;

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", required = true, paramLabel = "NAME")
    String dataset;

    @Option(names = "--release", paramLabel = "NAME", description = "Count this release's tags only.")
    String release;

    @Option(names = "--out", required = true, paramLabel = "FILE.html")
    Path out;

    ReportCommand(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Integer call() {
        if (Files.isDirectory(out)) {
            throw new TagforgeException("--out " + out + " is a directory; name the file to write");
        }
        DatasetReport report;
        try {
            report = new DatasetReports(transactions).build(dataset, release);
        } catch (ReportException e) {
            throw new TagforgeException("--" + e.field() + ": " + e.getMessage());
        }
        Map<String, String> charts = ReportCharts.render(report);
        byte[] html = ReportHtml.document(report, charts).getBytes(StandardCharsets.UTF_8);
        StagedFile file = null;
        try {
            file = StagedFile.of(out, html);
            file.publish();
        } catch (IOException e) {
            if (file != null) {
                file.discard();
            }
            throw new TagforgeException("--out " + out + ": cannot write the report (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + ")");
        }
        var print = spec.commandLine().getOut();
        DatasetReport.Stage last = report.afterReview();
        print.printf(java.util.Locale.ROOT, "report of %s%s: %,d images, %,d tags after review (%.2f per image), "
                        + "%d charts -> %s%n", dataset, release == null ? "" : " (release " + release + ")",
                report.images(), last.tags(), last.perImage(), charts.size(), out);
        print.flush();
        return 0;
    }
}
