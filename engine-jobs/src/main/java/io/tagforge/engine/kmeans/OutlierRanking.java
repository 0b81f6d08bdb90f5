package io.tagforge.engine.kmeans;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The cleaning rule of RAM's data engine: cluster a category's region features with K-Means++, measure each
 * region's distance to the nearest centroid, and call the farthest {@code outlierFraction} outliers.
 *
 * <p>One guard against k-means++ itself: its D² seeding likes to put centers on far, isolated points, where
 * they would sit at distance zero and hide the very outliers sought (two odd regions among twenty, with k = 2,
 * would be a cluster of their own). A cluster holding fewer than a quarter of the mean cluster size n / k (and
 * at least 2 points) is therefore not a cluster: its members are measured to the nearest populated centroid.
 */
public final class OutlierRanking {

    private OutlierRanking() {
    }

    /**
     * Ranks {@code features.length / dim} points. {@code k} is capped at the number of points; the number of
     * outliers is {@code floor(outlierFraction × n)}, ties broken by point order so that a seed gives one answer.
     */
    public static Ranking rank(float[] features, int dim, int k, double outlierFraction, long seed) {
        requireFraction(outlierFraction);
        int n = features.length / dim;
        Centroids centroids = fit(features, dim, k, seed);
        int[] cluster = new int[n];
        float[] distance = new float[n];
        for (int point = 0; point < n; point++) {
            cluster[point] = centroids.nearest(features, point * dim);
            distance[point] = centroids.distance(features, point * dim, cluster[point]);
        }
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(p -> distance[p]).thenComparingInt(p -> p));
        double[] percentile = new double[n];
        boolean[] outlier = new boolean[n];
        for (int rank = 0; rank < n; rank++) {
            percentile[order[rank]] = percentile(rank, n);
            outlier[order[rank]] = isOutlier(rank, n, outlierFraction);
        }
        return new Ranking(cluster, distance, percentile, outlier);
    }

    /**
     * The populated centroids of {@code features.length / dim} points ({@code k} capped at their number): what
     * {@link #rank} measures distances to, for scoring points that were not clustered (a sample's centroids).
     */
    public static Centroids fit(float[] features, int dim, int k, long seed) {
        int n = features.length / dim;
        int clusters = Math.min(k, n);
        KMeansResult fit = new KMeans(clusters, seed).fit(features, dim);
        return new Centroids(fit.centroids(), populatedClusters(fit.labels(), clusters, n), dim);
    }

    /** The percentile of the point at 0-based {@code rank} (by distance) of {@code n}: share of points at most as far. */
    public static double percentile(long rank, long n) {
        return 100.0 * (rank + 1) / n;
    }

    /** Whether the point at 0-based {@code rank} of {@code n} is among the farthest {@code floor(outlierFraction × n)}. */
    public static boolean isOutlier(long rank, long n, double outlierFraction) {
        return rank >= n - (long) Math.floor(outlierFraction * n);
    }

    private static void requireFraction(double outlierFraction) {
        if (!(outlierFraction >= 0 && outlierFraction < 1)) {
            throw new IllegalArgumentException("outlier fraction must be in [0, 1), was " + outlierFraction);
        }
    }

    private static boolean[] populatedClusters(int[] labels, int clusters, int n) {
        int[] sizes = new int[clusters];
        for (int label : labels) {
            sizes[label]++;
        }
        int minSize = Math.max(2, (int) Math.ceil(n / (4.0 * clusters)));
        boolean[] populated = new boolean[clusters];
        boolean any = false;
        for (int j = 0; j < clusters; j++) {
            populated[j] = sizes[j] >= minSize;
            any |= populated[j];
        }
        if (!any) {
            Arrays.fill(populated, true);
        }
        return populated;
    }

    private static double squaredDistance(float[] a, int aOffset, float[] b, int bOffset, int dim) {
        double s = 0;
        for (int d = 0; d < dim; d++) {
            double diff = a[aOffset + d] - b[bOffset + d];
            s += diff * diff;
        }
        return s;
    }

    /** Centroids row-major (k × dim) and which of them are populated clusters; points are measured to those. */
    public record Centroids(float[] centroids, boolean[] populated, int dim) implements Serializable {

        /** The nearest populated centroid of the point at {@code offset} of {@code features}. */
        public int nearest(float[] features, int offset) {
            int best = -1;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int j = 0; j < populated.length; j++) {
                if (populated[j]) {
                    double d = squaredDistance(features, offset, centroids, j * dim, dim);
                    if (d < bestDistance) {
                        bestDistance = d;
                        best = j;
                    }
                }
            }
            return best;
        }

        /** Euclidean distance of the point at {@code offset} to centroid {@code cluster}. */
        public float distance(float[] features, int offset, int cluster) {
            return (float) Math.sqrt(squaredDistance(features, offset, centroids, cluster * dim, dim));
        }
    }

    /**
     * Per point: its (populated) cluster, Euclidean distance to that centroid, distance percentile in (0, 100]
     * (share of points at most as far) and whether it is an outlier.
     */
    public record Ranking(int[] cluster, float[] distance, double[] percentile, boolean[] outlier) {
    }
}
