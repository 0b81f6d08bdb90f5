package io.tagforge.engine.kmeans;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * K-Means with greedy k-means++ seeding over a flat row-major {@code float[]} (n rows × dim), the algorithm of
 * scikit-learn's {@code KMeans(init='k-means++', n_init=1)}: same seeding (2 + ln k local trials per center),
 * Lloyd iterations until the labels stop changing or the centers move less than {@code tolerance} × the mean
 * per-feature variance, empty clusters re-seeded at the farthest points.
 *
 * <p>Rows are split into fixed chunks (by n alone, never by thread count) whose partial sums are added in
 * chunk order, so a seed gives the same result on any machine and any number of cores. Each chunk walks its
 * rows once per iteration, assigning and accumulating in the same pass, while all centers stay in cache.
 */
public final class KMeans {

    private final int k;
    private final long seed;
    private int maxIterations = 300;
    private double tolerance = 1e-4;

    public KMeans(int k, long seed) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        this.k = k;
        this.seed = seed;
    }

    /** The inner-loop implementation this JVM uses (SIMD or scalar), for benchmark output. */
    public static String kernel() {
        return Dots.best().describe();
    }

    public KMeans maxIterations(int maxIterations) {
        this.maxIterations = maxIterations;
        return this;
    }

    public KMeans tolerance(double tolerance) {
        this.tolerance = tolerance;
        return this;
    }

    /** Clusters {@code data.length / dim} rows; needs at least k rows. */
    public KMeansResult fit(float[] data, int dim) {
        if (dim < 1 || data.length % dim != 0) {
            throw new IllegalArgumentException("data length " + data.length + " is not a multiple of dim " + dim);
        }
        int n = data.length / dim;
        if (n < k) {
            throw new IllegalArgumentException("k = " + k + " clusters need at least " + k + " rows, got " + n);
        }
        return new Run(data, n, dim).fit();
    }

    private final class Run {
        final Rows rows;
        final float[] data;
        final int n;
        final int dim;
        final int chunks;

        Run(float[] data, int n, int dim) {
            this.rows = new Rows(data, n, dim);
            this.data = data;
            this.n = n;
            this.dim = dim;
            this.chunks = rows.chunks();
        }

        KMeansResult fit() {
            float[] centers = new KMeansPlusPlus(rows).seed(k, new SplittableRandom(seed));
            int[] labels = new int[n];
            Arrays.fill(labels, -1);
            float[] distances = new float[n];
            double[][] sums = new double[chunks][k * dim];
            long[][] counts = new long[chunks][k];
            double toleranceAbsolute = tolerance * meanFeatureVariance();
            int iterations = 0;
            while (iterations < maxIterations) {
                iterations++;
                boolean changed = assign(centers, labels, distances, sums, counts);
                float[] updated = newCenters(centers, sums, counts, distances, labels);
                double shift = squaredDistance(centers, updated);
                centers = updated;
                if (!changed || shift <= toleranceAbsolute) {
                    break;
                }
            }
            assign(centers, labels, distances, null, null);
            double inertia = 0;
            for (float d : distances) {
                inertia += d;
            }
            return new KMeansResult(centers, k, dim, labels, distances, inertia, iterations);
        }

        /** Nearest center of every row; with {@code sums} given, also each chunk's per-cluster sums. */
        boolean assign(float[] centers, int[] labels, float[] distances, double[][] sums, long[][] counts) {
            float[] centerNorms = rows.norms(centers, k);
            boolean[] changed = new boolean[chunks];
            rows.chunkStream().forEach(c -> {
                float[] products = new float[k];
                double[] sum = sums == null ? null : sums[c];
                long[] count = counts == null ? null : counts[c];
                if (sum != null) {
                    Arrays.fill(sum, 0);
                    Arrays.fill(count, 0);
                }
                boolean any = false;
                for (int row = rows.chunkStart(c); row < rows.chunkEnd(c); row++) {
                    int offset = row * dim;
                    rows.dots(row, centers, k, products);
                    int best = 0;
                    float bestDistance = Float.POSITIVE_INFINITY;
                    for (int j = 0; j < k; j++) {
                        float d = rows.norm(row) + centerNorms[j] - 2 * products[j];
                        if (d < bestDistance) {
                            bestDistance = d;
                            best = j;
                        }
                    }
                    distances[row] = Math.max(0, bestDistance);
                    any |= labels[row] != best;
                    labels[row] = best;
                    if (sum != null) {
                        count[best]++;
                        int base = best * dim;
                        for (int d = 0; d < dim; d++) {
                            sum[base + d] += data[offset + d];
                        }
                    }
                }
                changed[c] = any;
            });
            for (boolean b : changed) {
                if (b) {
                    return true;
                }
            }
            return false;
        }

        /** Means of the clusters; an empty cluster takes the row farthest from its center, as sklearn does. */
        float[] newCenters(float[] old, double[][] sums, long[][] counts, float[] distances, int[] labels) {
            float[] centers = new float[k * dim];
            boolean[] taken = null;
            for (int j = 0; j < k; j++) {
                long count = 0;
                for (int c = 0; c < chunks; c++) {
                    count += counts[c][j];
                }
                if (count == 0) {
                    taken = taken == null ? new boolean[n] : taken;
                    int far = farthestRow(distances, taken);
                    taken[far] = true;
                    System.arraycopy(data, far * dim, centers, j * dim, dim);
                    continue;
                }
                for (int d = 0; d < dim; d++) {
                    double s = 0;
                    for (int c = 0; c < chunks; c++) {
                        s += sums[c][j * dim + d];
                    }
                    centers[j * dim + d] = (float) (s / count);
                }
            }
            return centers;
        }

        int farthestRow(float[] distances, boolean[] taken) {
            int far = -1;
            for (int row = 0; row < n; row++) {
                if (!taken[row] && (far < 0 || distances[row] > distances[far])) {
                    far = row;
                }
            }
            return far;
        }

        double meanFeatureVariance() {
            double[] mean = new double[dim];
            double[] meanSquare = new double[dim];
            for (int row = 0; row < n; row++) {
                for (int d = 0; d < dim; d++) {
                    double v = data[row * dim + d];
                    mean[d] += v;
                    meanSquare[d] += v * v;
                }
            }
            double total = 0;
            for (int d = 0; d < dim; d++) {
                double m = mean[d] / n;
                total += meanSquare[d] / n - m * m;
            }
            return total / dim;
        }
    }

    static double squaredNorm(float[] values, int offset, int dim) {
        double s = 0;
        for (int d = 0; d < dim; d++) {
            double v = values[offset + d];
            s += v * v;
        }
        return s;
    }

    static double squaredDistance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }
}
