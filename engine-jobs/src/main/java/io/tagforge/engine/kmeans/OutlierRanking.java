package io.tagforge.engine.kmeans;

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
        if (!(outlierFraction >= 0 && outlierFraction < 1)) {
            throw new IllegalArgumentException("outlier fraction must be in [0, 1), was " + outlierFraction);
        }
        int n = features.length / dim;
        int clusters = Math.min(k, n);
        KMeansResult fit = new KMeans(clusters, seed).fit(features, dim);
        boolean[] populated = populatedClusters(fit.labels(), clusters, n);
        int[] cluster = new int[n];
        float[] distance = new float[n];
        for (int point = 0; point < n; point++) {
            int best = -1;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int j = 0; j < clusters; j++) {
                if (populated[j]) {
                    double d = distance(features, point * dim, fit.centroids(), j * dim, dim);
                    if (d < bestDistance) {
                        bestDistance = d;
                        best = j;
                    }
                }
            }
            cluster[point] = best;
            distance[point] = (float) Math.sqrt(bestDistance);
        }
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(p -> distance[p]).thenComparingInt(p -> p));
        double[] percentile = new double[n];
        boolean[] outlier = new boolean[n];
        int firstOutlierRank = n - (int) Math.floor(outlierFraction * n);
        for (int rank = 0; rank < n; rank++) {
            percentile[order[rank]] = 100.0 * (rank + 1) / n;
            outlier[order[rank]] = rank >= firstOutlierRank;
        }
        return new Ranking(cluster, distance, percentile, outlier);
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

    private static double distance(float[] a, int aOffset, float[] b, int bOffset, int dim) {
        double s = 0;
        for (int d = 0; d < dim; d++) {
            double diff = a[aOffset + d] - b[bOffset + d];
            s += diff * diff;
        }
        return s;
    }

    /**
     * Per point: its (populated) cluster, Euclidean distance to that centroid, distance percentile in (0, 100]
     * (share of points at most as far) and whether it is an outlier.
     */
    public record Ranking(int[] cluster, float[] distance, double[] percentile, boolean[] outlier) {
    }
}
