package io.tagforge.engine.kmeans;

import java.util.SplittableRandom;

/**
 * Greedy k-means++ seeding (Arthur and Vassilvitskii 2007, with scikit-learn's 2 + ln k local trials): each
 * new center is the best of a few rows drawn with probability proportional to their squared distance from
 * the centers so far, "best" meaning the lowest total squared distance afterwards.
 */
final class KMeansPlusPlus {

    private final Rows rows;

    KMeansPlusPlus(Rows rows) {
        this.rows = rows;
    }

    /** k centers, row-major. */
    float[] seed(int k, SplittableRandom random) {
        int n = rows.n();
        int dim = rows.dim();
        int trials = 2 + (int) Math.log(k);
        float[] centers = new float[k * dim];
        float[] first = copyRows(new int[] {random.nextInt(n)});
        System.arraycopy(first, 0, centers, 0, dim);
        float[][] firstDistances = new float[1][n];
        double potential = distancesTo(null, first, 1, firstDistances)[0];
        float[] closest = firstDistances[0];
        double[] cumulative = new double[n];
        float[][] candidateDistances = new float[trials][n];
        for (int c = 1; c < k; c++) {
            double running = 0;
            for (int row = 0; row < n; row++) {
                running += closest[row];
                cumulative[row] = running;
            }
            int[] candidates = new int[trials];
            for (int t = 0; t < trials; t++) {
                candidates[t] = Math.min(n - 1, lowerBound(cumulative, random.nextDouble() * potential));
            }
            float[] candidateRows = copyRows(candidates);
            double[] candidatePotentials = distancesTo(closest, candidateRows, trials, candidateDistances);
            int best = 0;
            for (int t = 1; t < trials; t++) {
                if (candidatePotentials[t] < candidatePotentials[best]) {
                    best = t;
                }
            }
            System.arraycopy(candidateRows, best * dim, centers, c * dim, dim);
            System.arraycopy(candidateDistances[best], 0, closest, 0, n);
            potential = candidatePotentials[best];
        }
        return centers;
    }

    /**
     * For each of m candidate centers: every row's squared distance to it, capped by {@code closest} when
     * given (into {@code out[t]}), and their sum.
     */
    private double[] distancesTo(float[] closest, float[] candidates, int m, float[][] out) {
        float[] candidateNorms = rows.norms(candidates, m);
        double[][] partial = new double[rows.chunks()][m];
        rows.chunkStream().forEach(c -> {
            float[] products = new float[m];
            for (int row = rows.chunkStart(c); row < rows.chunkEnd(c); row++) {
                rows.dots(row, candidates, m, products);
                for (int t = 0; t < m; t++) {
                    float d = Math.max(0, rows.norm(row) + candidateNorms[t] - 2 * products[t]);
                    if (closest != null) {
                        d = Math.min(d, closest[row]);
                    }
                    out[t][row] = d;
                    partial[c][t] += d;
                }
            }
        });
        double[] sums = new double[m];
        for (double[] p : partial) {
            for (int t = 0; t < m; t++) {
                sums[t] += p[t];
            }
        }
        return sums;
    }

    private float[] copyRows(int[] indices) {
        int dim = rows.dim();
        float[] result = new float[indices.length * dim];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(rows.data(), indices[i] * dim, result, i * dim, dim);
        }
        return result;
    }

    /** First index whose value is at least {@code value} (numpy's searchsorted, side left). */
    private static int lowerBound(double[] sorted, double value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
