package io.tagforge.engine.evaluate;

import io.tagforge.labelsystem.error.TagforgeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Scores tagging against ground truth with RAM's metrics: mAP (from --scores) and macro "
                + "precision/recall (from --pred, or --scores thresholded).",
                "Files are in RAM's annotation format (image,tag,tag,... per line); predictions and scores list the "
                        + "ground truth's images in the same order. Figures are percentages."})
public class EvaluateCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--gt", required = true, paramLabel = "FILE", description = "Ground truth annotations.")
    Path groundTruthFile;

    @Option(names = "--taglist", required = true, paramLabel = "FILE",
            description = "Classes, one per line; repeated names (many-to-one) are handled as RAM does.")
    Path taglistFile;

    @ArgGroup(multiplicity = "1")
    Predictions predictions;

    static class Predictions {
        @Option(names = "--pred", paramLabel = "FILE", description = "Predicted tags in the annotation format.")
        Path predFile;

        @Option(names = "--scores", paramLabel = "FILE",
                description = "Scores, images x taglist entries: float32 .npy, or CSV rows image,score,...")
        Path scoresFile;
    }

    @Option(names = "--thresholds", paramLabel = "FILE",
            description = "Per-entry thresholds for --scores, one per line in taglist order.")
    Path thresholdsFile;

    @Option(names = "--threshold", paramLabel = "X", defaultValue = "0.68",
            description = "One threshold for every entry when there is no --thresholds (default: ${DEFAULT-VALUE}).")
    float threshold;

    @Option(names = "--per-class", paramLabel = "FILE.csv", description = "Writes tag,ap,precision,recall,... per entry.")
    Path perClassFile;

    @Option(names = "--skip-unknown", description = "Drops tags the taglist lacks instead of failing.")
    boolean skipUnknown;

    @Override
    public void run() {
        Taglist taglist = Taglist.read(taglistFile);
        LabelFile groundTruth = LabelFile.read(groundTruthFile, taglist, skipUnknown);
        Evaluation evaluation = new Evaluation(taglist, groundTruth);
        EvaluationReport report;
        int skipped = groundTruth.skippedTags();
        if (predictions.predFile != null) {
            LabelFile predicted = LabelFile.read(predictions.predFile, taglist, skipUnknown);
            skipped += predicted.skippedTags();
            report = evaluation.withPredictions(predicted);
        } else {
            float[] thresholds = thresholdsFile != null
                    ? Thresholds.read(thresholdsFile, taglist) : Thresholds.uniform(threshold, taglist);
            report = evaluation.withScores(readScores(predictions.scoresFile, groundTruth, taglist), thresholds);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "images %d, classes %d (%d distinct names)%n",
                report.images(), report.classes().size(), report.names());
        if (skipped > 0) {
            out.printf(Locale.ROOT, "skipped %d unknown tags (--skip-unknown)%n", skipped);
        }
        out.printf(Locale.ROOT, "mAP        %s%n", percent(report.meanAveragePrecision()));
        out.printf(Locale.ROOT, "precision  %s%n", percent(report.precision()));
        out.printf(Locale.ROOT, "recall     %s%n", percent(report.recall()));
        out.flush();
        if (perClassFile != null) {
            writePerClass(report);
        }
    }

    static ScoreMatrix readScores(Path file, LabelFile groundTruth, Taglist taglist) {
        if (!file.getFileName().toString().endsWith(".npy")) {
            return ScoreCsv.read(file, groundTruth, taglist);
        }
        ScoreMatrix scores = NpyFile.read(file);
        if (scores.rows() != groundTruth.size() || scores.columns() != taglist.size()) {
            throw new TagforgeException(file + ": matrix is " + scores.rows() + " x " + scores.columns() + ", expected "
                    + groundTruth.size() + " images (" + groundTruth.file() + ") x " + taglist.size() + " tags ("
                    + taglist.file() + ")");
        }
        for (int i = 0; i < scores.values().length; i++) {
            if (!Float.isFinite(scores.values()[i])) {
                int row = i / scores.columns();
                throw new TagforgeException(file + ": row " + (row + 1) + " (image " + groundTruth.images().get(row)
                        + "), column " + (i % scores.columns() + 1) + ": score is not a finite number");
            }
        }
        return scores;
    }

    private void writePerClass(EvaluationReport report) {
        try (Writer w = Files.newBufferedWriter(perClassFile, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get())) {
            csv.printRecord("tag", "ap", "precision", "recall", "positives", "predicted");
            for (ClassResult c : report.classes()) {
                csv.printRecord(c.tag(), Double.isNaN(c.averagePrecision()) ? "" : percent(c.averagePrecision()),
                        percent(c.precision()), percent(c.recall()), c.positives(), c.predicted());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + perClassFile + ": " + e.getMessage(), e);
        }
    }

    private static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.4f", fraction * 100);
    }
}
