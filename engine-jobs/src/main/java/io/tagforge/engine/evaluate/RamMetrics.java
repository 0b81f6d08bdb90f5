package io.tagforge.engine.evaluate;

import java.util.Arrays;
import java.util.BitSet;

/**
 * RAM's metrics ({@code ram/utils/metrics.py}), with its epsilons so that figures compare digit for digit.
 */
final class RamMetrics {

    /** RAM adds it to the positive count so that a class without positives scores AP 0, not NaN. */
    static final double AP_EPSILON = 1e-8;
    /** Likewise for precision and recall of a class never predicted or never present. */
    static final double PR_EPSILON = 1e-9;

    private RamMetrics() {
    }

    /**
     * Average precision of one class: images ranked by score, the mean of the precision at each positive.
     * Equal scores rank the later image first, as numpy's {@code argsort()[::-1]} does with a stable sort, so the
     * figure does not depend on a sort's whims.
     */
    static double averagePrecision(float[] scores, BitSet positives) {
        int n = scores.length;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ((long) sortableBits(scores[i]) << 32) | i;
        }
        Arrays.sort(keys);
        long hits = 0;
        double sum = 0;
        for (int rank = 1; rank <= n; rank++) {
            int image = (int) keys[n - rank];
            if (positives.get(image)) {
                hits++;
                sum += (double) hits / rank;
            }
        }
        return sum / (hits + AP_EPSILON);
    }

    static double precision(long truePositives, long falsePositives) {
        return truePositives / (truePositives + falsePositives + PR_EPSILON);
    }

    static double recall(long truePositives, long falseNegatives) {
        return truePositives / (truePositives + falseNegatives + PR_EPSILON);
    }

    /** Float bits as an int whose signed order is the floats' order (finite values). */
    private static int sortableBits(float f) {
        int bits = Float.floatToIntBits(f == 0f ? 0f : f);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }
}
