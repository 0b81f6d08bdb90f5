package io.tagforge.engine.evaluate;

import java.util.List;

/**
 * The outcome of an evaluation: mAP over taglist entries (NaN without scores), precision and recall averaged over
 * distinct names, and every entry's figures in taglist order.
 */
public record EvaluationReport(int images, int names, double meanAveragePrecision, double precision, double recall,
                               List<ClassResult> classes) {
}
