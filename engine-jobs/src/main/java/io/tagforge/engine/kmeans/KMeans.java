package io.tagforge.engine.kmeans;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * K-Means with greedy k-means++ seeding over a flat row-major {@code float[]} (n rows × dim), the algorithm of
 * scikit-learn's {@code KMeans(init='k-means++', n_init=1)}: same seeding (2 + ln k local trials per center),
 * Lloyd iterations until the labels stop changing or the centers move less than {@code tolerance} × the mean
 * per-feature variance, empty clusters re-seeded at the farthest points. The iterations use Hamerly's bounds
 * (2010), which skip the rows that provably keep their cluster: the same result as plain Lloyd, with a
 * fraction of the distance computations once the clusters settle.
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
            float[] upper = new float[n];
            float[] lower = new float[n];
            double[][] sums = new double[chunks][k * dim];
            long[][] counts = new long[chunks][k];
            double toleranceAbsolute = tolerance * meanFeatureVariance();
            float[] moved = null;
            int iterations = 0;
            while (iterations < maxIterations) {
                iterations++;
                boolean changed = moved == null ? assignAll(centers, labels, upper, lower, null, sums, counts)
                        : assignBounded(centers, moved, labels, upper, lower, sums, counts);
                float[] updated = newCenters(sums, counts, upper);
                moved = new float[k];
                double shift = 0;
                for (int j = 0; j < k; j++) {
                    double d = 0;
                    for (int x = 0; x < dim; x++) {
                        double diff = updated[j * dim + x] - centers[j * dim + x];
                        d += diff * diff;
                    }
                    moved[j] = (float) Math.sqrt(d);
                    shift += d;
                }
                centers = updated;
                if (!changed || shift <= toleranceAbsolute) {
                    break;
                }
            }
            float[] distances = new float[n];
            assignAll(centers, labels, upper, lower, distances, null, null);
            double inertia = 0;
            for (float d : distances) {
                inertia += d;
            }
            return new KMeansResult(centers, k, dim, labels, distances, inertia, iterations);
        }

        /**
         * Every row's nearest center by computing all distances: its label, the distance to it ({@code upper})
         * and to the second nearest ({@code lower}); with {@code sums}, each chunk's per-cluster sums afresh.
         */
        boolean assignAll(float[] centers, int[] labels, float[] upper, float[] lower, float[] squared,
                double[][] sums, long[][] counts) {
            float[] centerNorms = rows.norms(centers, k);
            boolean[] changed = new boolean[chunks];
            rows.chunkStream().forEach(c -> {
                float[] products = new float[k];
                if (sums != null) {
                    Arrays.fill(sums[c], 0);
                    Arrays.fill(counts[c], 0);
                }
                boolean any = false;
                for (int row = rows.chunkStart(c); row < rows.chunkEnd(c); row++) {
                    int best = nearestTwo(row, centers, centerNorms, products, upper, lower);
                    if (squared != null) {
                        squared[row] = upper[row] * upper[row];
                    }
                    any |= labels[row] != best;
                    labels[row] = best;
                    if (sums != null) {
                        move(sums[c], counts[c], row, -1, best);
                    }
                }
                changed[c] = any;
            });
            return anyOf(changed);
        }

        /**
         * Hamerly's exact acceleration of Lloyd's step: a row whose distance to its center (an upper bound)
         * is below half the gap to that center's nearest neighbour, or below its lower bound on every other
         * center, cannot change cluster and costs nothing; only the others are measured. Sums are kept up to
         * date by moving the rows that change.
         */
        boolean assignBounded(float[] centers, float[] moved, int[] labels, float[] upper, float[] lower,
                double[][] sums, long[][] counts) {
            float[] centerNorms = rows.norms(centers, k);
            int farthest = 0;
            for (int j = 1; j < k; j++) {
                farthest = moved[j] > moved[farthest] ? j : farthest;
            }
            float maxMove = moved[farthest];
            float secondMove = 0;
            for (int j = 0; j < k; j++) {
                secondMove = j != farthest ? Math.max(secondMove, moved[j]) : secondMove;
            }
            float[] half = halfGaps(centers);
            int mostMoved = farthest;
            float nextMove = secondMove;
            boolean[] changed = new boolean[chunks];
            rows.chunkStream().forEach(c -> {
                float[] products = new float[k];
                boolean any = false;
                for (int row = rows.chunkStart(c); row < rows.chunkEnd(c); row++) {
                    int label = labels[row];
                    float u = upper[row] + moved[label];
                    float l = lower[row] - (label == mostMoved ? nextMove : maxMove);
                    float bound = Math.max(half[label], l);
                    if (u > bound) {
                        u = rows.distance(row, centers, label, centerNorms[label], products);
                        if (u > bound) {
                            int best = nearestTwo(row, centers, centerNorms, products, upper, lower);
                            if (best != label) {
                                move(sums[c], counts[c], row, label, best);
                                labels[row] = best;
                                any = true;
                            }
                            continue;
                        }
                    }
                    upper[row] = u;
                    lower[row] = l;
                }
                changed[c] = any;
            });
            return anyOf(changed);
        }

        /** The nearest center of a row; its distance into {@code upper}, the second nearest's into {@code lower}. */
        int nearestTwo(int row, float[] centers, float[] centerNorms, float[] products, float[] upper, float[] lower) {
            rows.dots(row, centers, k, products);
            int best = 0;
            float first = Float.POSITIVE_INFINITY;
            float second = Float.POSITIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                float d = rows.norm(row) + centerNorms[j] - 2 * products[j];
                if (d < first) {
                    second = first;
                    first = d;
                    best = j;
                } else if (d < second) {
                    second = d;
                }
            }
            upper[row] = (float) Math.sqrt(Math.max(0, first));
            lower[row] = (float) Math.sqrt(Math.max(0, second));
            return best;
        }

        /** Moves a row's values from cluster {@code from} (-1: none) to cluster {@code to} in a chunk's sums. */
        void move(double[] sum, long[] count, int row, int from, int to) {
            int offset = row * dim;
            if (from >= 0) {
                count[from]--;
                int base = from * dim;
                for (int d = 0; d < dim; d++) {
                    sum[base + d] -= data[offset + d];
                }
            }
            count[to]++;
            int base = to * dim;
            for (int d = 0; d < dim; d++) {
                sum[base + d] += data[offset + d];
            }
        }

        /** Half the distance from each center to its nearest other center. */
        float[] halfGaps(float[] centers) {
            float[] half = new float[k];
            Arrays.fill(half, Float.POSITIVE_INFINITY);
            for (int a = 0; a < k; a++) {
                for (int b = a + 1; b < k; b++) {
                    double d = 0;
                    for (int x = 0; x < dim; x++) {
                        double diff = centers[a * dim + x] - centers[b * dim + x];
                        d += diff * diff;
                    }
                    float h = (float) (Math.sqrt(d) / 2);
                    half[a] = Math.min(half[a], h);
                    half[b] = Math.min(half[b], h);
                }
            }
            return half;
        }

        /** Means of the clusters; an empty cluster takes the row farthest from its center, as sklearn does. */
        float[] newCenters(double[][] sums, long[][] counts, float[] distances) {
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

    private static boolean anyOf(boolean[] flags) {
        for (boolean b : flags) {
            if (b) {
                return true;
            }
        }
        return false;
    }
}
