package io.tagforge.engine.kmeans;

/**
 * A clustering: {@code centroids} row-major (k × dim), each row's cluster and squared distance to its
 * centroid, their sum (scikit-learn's inertia) and the Lloyd iterations run.
 */
public record KMeansResult(float[] centroids, int k, int dim, int[] labels, float[] squaredDistances,
        double inertia, int iterations) {
}
