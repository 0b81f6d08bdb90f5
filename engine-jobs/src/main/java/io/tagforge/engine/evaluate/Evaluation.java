package io.tagforge.engine.evaluate;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** Computes RAM's figures for ground truth against scores or listed predictions. */
final class Evaluation {

    private final Taglist taglist;
    private final LabelFile groundTruth;

    Evaluation(Taglist taglist, LabelFile groundTruth) {
        this.taglist = taglist;
        this.groundTruth = groundTruth;
    }

    /** Scores give mAP; thresholding them ({@code score >= threshold}, as RAM) gives the predictions for P/R. */
    EvaluationReport withScores(ScoreMatrix scores, float[] thresholds) {
        List<BitSet> predicted = new ArrayList<>(scores.rows());
        for (int r = 0; r < scores.rows(); r++) {
            BitSet tags = new BitSet(taglist.size());
            for (int c = 0; c < scores.columns(); c++) {
                if (scores.get(r, c) >= thresholds[c]) {
                    // RAM writes predicted names, then reads every entry of a name back as predicted
                    for (int entry : taglist.entries(taglist.name(c))) {
                        tags.set(entry);
                    }
                }
            }
            predicted.add(tags);
        }
        return report(predicted, scores);
    }

    EvaluationReport withPredictions(LabelFile predictions) {
        groundTruth.requireSameImages(predictions);
        List<BitSet> predicted = new ArrayList<>(predictions.size());
        for (int i = 0; i < predictions.size(); i++) {
            predicted.add(predictions.labels(i));
        }
        return report(predicted, null);
    }

    private EvaluationReport report(List<BitSet> predicted, ScoreMatrix scores) {
        List<ClassResult> classes = new ArrayList<>(taglist.size());
        double apSum = 0;
        for (int c = 0; c < taglist.size(); c++) {
            BitSet positives = new BitSet(groundTruth.size());
            long tp = 0;
            long fp = 0;
            int predictedCount = 0;
            for (int i = 0; i < groundTruth.size(); i++) {
                boolean truth = groundTruth.labels(i).get(c);
                boolean guess = predicted.get(i).get(c);
                positives.set(i, truth);
                predictedCount += guess ? 1 : 0;
                tp += truth && guess ? 1 : 0;
                fp += !truth && guess ? 1 : 0;
            }
            int positiveCount = positives.cardinality();
            double ap = scores == null ? Double.NaN : RamMetrics.averagePrecision(scores.column(c), positives);
            apSum += ap;
            classes.add(new ClassResult(taglist.name(c), ap, RamMetrics.precision(tp, fp),
                    RamMetrics.recall(tp, positiveCount - tp), positiveCount, predictedCount));
        }
        double precisionSum = 0;
        double recallSum = 0;
        List<String> names = taglist.names();
        for (String name : names) {
            ClassResult first = classes.get(taglist.entries(name)[0]);
            precisionSum += first.precision();
            recallSum += first.recall();
        }
        return new EvaluationReport(groundTruth.size(), names.size(), apSum / taglist.size(),
                precisionSum / names.size(), recallSum / names.size(), List.copyOf(classes));
    }
}
