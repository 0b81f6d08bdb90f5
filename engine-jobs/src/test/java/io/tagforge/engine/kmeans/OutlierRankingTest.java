package io.tagforge.engine.kmeans;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OutlierRankingTest {

    private static final int DIM = 32;
    private static final int TIGHT = 450;
    private static final int FAR = 100;

    /** Two tight clusters of 450 points, then 100 points scattered far from both (10% of the whole). */
    private static float[] plantedOutliers(long seed) {
        Random random = new Random(seed);
        float[] data = new float[(2 * TIGHT + FAR) * DIM];
        float[][] centers = {new float[DIM], new float[DIM]};
        for (int d = 0; d < DIM; d++) {
            centers[0][d] = (float) random.nextGaussian();
            centers[1][d] = (float) random.nextGaussian();
        }
        for (int row = 0; row < 2 * TIGHT; row++) {
            for (int d = 0; d < DIM; d++) {
                data[row * DIM + d] = centers[row / TIGHT][d] + (float) (random.nextGaussian() * 0.1);
            }
        }
        for (int row = 2 * TIGHT; row < 2 * TIGHT + FAR; row++) {
            // a random direction at radius 4-8 from the first center: far from the clusters and from each other
            double[] direction = new double[DIM];
            double norm = 0;
            for (int d = 0; d < DIM; d++) {
                direction[d] = random.nextGaussian();
                norm += direction[d] * direction[d];
            }
            double radius = 4 + 4 * random.nextDouble();
            for (int d = 0; d < DIM; d++) {
                data[row * DIM + d] = centers[0][d] + (float) (direction[d] / Math.sqrt(norm) * radius);
            }
        }
        return data;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 16})
    void flagsPlantedFarPointsWithPrecisionAndRecallOfNinetyPercent(int k) {
        for (long seed = 1; seed <= 3; seed++) {
            OutlierRanking.Ranking ranking = OutlierRanking.rank(plantedOutliers(seed), DIM, k, 0.1, seed);
            int truePositives = 0;
            int flagged = 0;
            for (int point = 0; point < 2 * TIGHT + FAR; point++) {
                if (ranking.outlier()[point]) {
                    flagged++;
                    if (point >= 2 * TIGHT) {
                        truePositives++;
                    }
                }
            }
            double precision = (double) truePositives / flagged;
            double recall = (double) truePositives / FAR;
            assertThat(precision).as("precision, k=%d seed=%d", k, seed).isGreaterThanOrEqualTo(0.9);
            assertThat(recall).as("recall, k=%d seed=%d", k, seed).isGreaterThanOrEqualTo(0.9);
        }
    }

    @Test
    void percentilesRankDistancesAndOutliersAreTheFarthestTenth() {
        OutlierRanking.Ranking ranking = OutlierRanking.rank(plantedOutliers(7), DIM, 16, 0.1, 7);
        int n = 2 * TIGHT + FAR;
        int outliers = 0;
        for (int a = 0; a < n; a++) {
            assertThat(ranking.percentile()[a]).isBetween(0.0, 100.0);
            outliers += ranking.outlier()[a] ? 1 : 0;
            for (int b = 0; b < n; b += 37) {
                if (ranking.distance()[a] < ranking.distance()[b]) {
                    assertThat(ranking.percentile()[a]).isLessThan(ranking.percentile()[b]);
                }
            }
            assertThat(ranking.outlier()[a]).isEqualTo(ranking.percentile()[a] > 90.0);
        }
        assertThat(outliers).isEqualTo(100);
    }

    @Test
    void aSinglePointIsNoOutlier() {
        OutlierRanking.Ranking ranking = OutlierRanking.rank(new float[] {1, 2, 3}, 3, 16, 0.1, 1);
        assertThat(ranking.outlier()).containsExactly(false);
        assertThat(ranking.distance()).containsExactly(0f);
        assertThat(ranking.percentile()).containsExactly(100.0);
    }
}
