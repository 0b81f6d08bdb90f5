package io.tagforge.engine.kmeans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KMeansTest {

    /** n points around each of the given centers, with Gaussian noise of the given deviation. */
    static float[] blobs(float[][] centers, int perCenter, double noise, long seed) {
        Random random = new Random(seed);
        int dim = centers[0].length;
        float[] data = new float[centers.length * perCenter * dim];
        for (int c = 0; c < centers.length; c++) {
            for (int p = 0; p < perCenter; p++) {
                int row = c * perCenter + p;
                for (int d = 0; d < dim; d++) {
                    data[row * dim + d] = centers[c][d] + (float) (random.nextGaussian() * noise);
                }
            }
        }
        return data;
    }

    @Test
    void findsSeparatedBlobsAndTheirMeans() {
        float[][] centers = {{0, 0, 0}, {10, 0, 0}, {0, 10, 5}};
        float[] data = blobs(centers, 3000, 0.5, 1);
        KMeansResult result = new KMeans(3, 7).fit(data, 3);

        for (int c = 0; c < 3; c++) {
            Set<Integer> labels = new HashSet<>();
            for (int p = 0; p < 3000; p++) {
                labels.add(result.labels()[c * 3000 + p]);
            }
            assertThat(labels).as("blob %d lies in one cluster", c).hasSize(1);
            int label = labels.iterator().next();
            for (int d = 0; d < 3; d++) {
                assertThat(result.centroids()[label * 3 + d]).isCloseTo(centers[c][d], within(0.05f));
            }
        }
        // 9000 points × 3 dimensions × variance 0.25
        assertThat(result.inertia()).isCloseTo(9000 * 3 * 0.25, within(9000 * 3 * 0.25 * 0.05));
    }

    @Test
    void convergedLabelsAreNearestCentroidsAndCentroidsAreMeans() {
        float[] data = blobs(new float[][] {new float[37], new float[37]}, 2500, 1.0, 3);
        int dim = 37;
        int k = 6;
        KMeansResult result = new KMeans(k, 11).tolerance(0).fit(data, dim);
        int n = data.length / dim;
        double[][] sums = new double[k][dim];
        int[] counts = new int[k];
        double inertia = 0;
        for (int row = 0; row < n; row++) {
            int nearest = 0;
            double nearestDistance = Double.MAX_VALUE;
            for (int j = 0; j < k; j++) {
                double d = 0;
                for (int x = 0; x < dim; x++) {
                    double diff = data[row * dim + x] - result.centroids()[j * dim + x];
                    d += diff * diff;
                }
                if (d < nearestDistance) {
                    nearestDistance = d;
                    nearest = j;
                }
            }
            assertThat(result.labels()[row]).isEqualTo(nearest);
            assertThat((double) result.squaredDistances()[row]).isCloseTo(nearestDistance, within(1e-3 * (1 + nearestDistance)));
            inertia += nearestDistance;
            counts[nearest]++;
            for (int x = 0; x < dim; x++) {
                sums[nearest][x] += data[row * dim + x];
            }
        }
        assertThat(result.inertia()).isCloseTo(inertia, within(inertia * 1e-5));
        for (int j = 0; j < k; j++) {
            assertThat(counts[j]).isPositive();
            for (int x = 0; x < dim; x++) {
                assertThat((double) result.centroids()[j * dim + x]).isCloseTo(sums[j][x] / counts[j], within(1e-4));
            }
        }
    }

    @Test
    void aSeedGivesOneAnswer() {
        float[] data = blobs(new float[][] {new float[64]}, 6000, 1.0, 5);
        KMeansResult a = new KMeans(16, 42).fit(data, 64);
        KMeansResult b = new KMeans(16, 42).fit(data, 64);
        KMeansResult other = new KMeans(16, 43).fit(data, 64);
        assertThat(a.centroids()).containsExactly(b.centroids());
        assertThat(a.labels()).containsExactly(b.labels());
        assertThat(a.inertia()).isEqualTo(b.inertia());
        assertThat(other.centroids()).isNotEqualTo(a.centroids());
    }

    @Test
    void identicalPointsLeaveNoEmptyOrNaNCluster() {
        float[] data = new float[5 * 4];
        java.util.Arrays.fill(data, 2.5f);
        KMeansResult result = new KMeans(3, 1).fit(data, 4);
        assertThat(result.inertia()).isZero();
        for (float c : result.centroids()) {
            assertThat(c).isEqualTo(2.5f);
        }
    }

    @Test
    void rejectsMoreClustersThanRowsAndRaggedData() {
        assertThatThrownBy(() -> new KMeans(4, 1).fit(new float[6], 2))
                .hasMessageContaining("k = 4 clusters need at least 4 rows, got 3");
        assertThatThrownBy(() -> new KMeans(2, 1).fit(new float[7], 2))
                .hasMessageContaining("not a multiple of dim 2");
    }

    @Test
    void simdAndScalarProductsAgree() {
        Random random = new Random(9);
        int dim = 131;
        int m = 7;
        float[] x = new float[dim + 5];
        float[] centers = new float[m * dim];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < centers.length; i++) {
            centers[i] = (float) random.nextGaussian();
        }
        float[] scalar = new float[m];
        float[] best = new float[m];
        new ScalarDots().dots(x, 5, centers, 0, m, dim, scalar);
        Dots.best().dots(x, 5, centers, 0, m, dim, best);
        assertThat(Dots.best().describe()).as("the tests run with the Vector API module").startsWith("SIMD");
        for (int j = 0; j < m; j++) {
            double expected = 0;
            for (int d = 0; d < dim; d++) {
                expected += (double) x[5 + d] * centers[j * dim + d];
            }
            assertThat((double) scalar[j]).isCloseTo(expected, within(1e-3));
            assertThat((double) best[j]).isCloseTo(expected, within(1e-3));
        }
    }
}
