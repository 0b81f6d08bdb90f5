package io.tagforge.engine.evaluate;

/**
 * One taglist entry's figures. {@code averagePrecision} is NaN when only listed predictions, no scores, were
 * given. Entries sharing a name share precision and recall (predictions are names), not AP (scores are per entry).
 */
public record ClassResult(String tag, double averagePrecision, double precision, double recall,
                          int positives, int predicted) {
}
