package io.tagforge.engine.bench;

import io.tagforge.engine.evaluate.NpyFile;
import io.tagforge.engine.evaluate.ScoreMatrix;
import io.tagforge.engine.kmeans.KMeans;
import io.tagforge.engine.kmeans.KMeansResult;
import io.tagforge.labelsystem.error.TagforgeException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./tagforge bench kmeans}: times K-Means++ on synthetic blobs or on a float32 .npy file, so that
 * scikit-learn ({@code engine-jobs/src/test/python/kmeans_sklearn.py}) can be timed on identical data.
 */
@Command(name = "kmeans", mixinStandardHelpOptions = true,
        description = "Times K-Means++ (greedy seeding + Lloyd) and prints seconds and inertia.")
class KMeansBenchCommand implements Runnable {

    @Option(names = "--n", defaultValue = "100000", description = "Rows of synthetic data (default ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--dim", defaultValue = "512", description = "Columns of synthetic data (default ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--k", defaultValue = "16", description = "Clusters (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of data and clustering (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--repeat", defaultValue = "5",
            description = "Timed runs with seeds seed..seed+repeat-1 (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--input", description = "A 2-D float32 .npy file to cluster instead of synthetic data.")
    Path input;

    @Option(names = "--save", description = "Also write the synthetic data to this .npy file.")
    Path save;

    @Override
    public void run() {
        if (k < 1 || repeat < 1 || n < 1 || dim < 1) {
            throw new TagforgeException("--n, --dim, --k and --repeat must be at least 1");
        }
        ScoreMatrix data = input != null ? NpyFile.read(input) : blobs();
        if (save != null && input == null) {
            NpyFile.write(save, data);
            System.out.println("wrote " + save);
        }
        if (data.rows() < k) {
            throw new TagforgeException("--k " + k + " exceeds the " + data.rows() + " rows of the data");
        }
        System.out.printf(Locale.ROOT, "data: %s, n=%d dim=%d k=%d; kernel: %s; %d cores%n",
                input != null ? input : "synthetic blobs (seed " + seed + ")", data.rows(), data.columns(), k,
                KMeans.kernel(), Runtime.getRuntime().availableProcessors());
        double totalSeconds = 0;
        double totalInertia = 0;
        for (int run = 0; run < repeat; run++) {
            long start = System.nanoTime();
            KMeansResult result = new KMeans(k, seed + run).fit(data.values(), data.columns());
            double seconds = (System.nanoTime() - start) / 1e9;
            totalSeconds += seconds;
            totalInertia += result.inertia();
            System.out.printf(Locale.ROOT, "tagforge run %d (seed %d): %.3f s, inertia %.6g, iterations %d%n",
                    run + 1, seed + run, seconds, result.inertia(), result.iterations());
        }
        System.out.printf(Locale.ROOT, "tagforge mean of %d runs: %.3f s, inertia %.6g%n",
                repeat, totalSeconds / repeat, totalInertia / repeat);
    }

    /**
     * {@code k} Gaussian blobs: centers uniform in [-2, 2]^dim, unit noise: separated enough that a good
     * seeding finds them all, close enough that Lloyd still needs several iterations.
     */
    private ScoreMatrix blobs() {
        SplittableRandom random = new SplittableRandom(seed);
        float[] centers = new float[k * dim];
        for (int i = 0; i < centers.length; i++) {
            centers[i] = (float) (random.nextDouble() * 4 - 2);
        }
        float[] values = new float[Math.multiplyExact(n, dim)];
        Random gaussian = new Random(seed);
        for (int row = 0; row < n; row++) {
            int center = random.nextInt(k);
            for (int d = 0; d < dim; d++) {
                values[row * dim + d] = centers[center * dim + d] + (float) gaussian.nextGaussian();
            }
        }
        return new ScoreMatrix(n, dim, values);
    }
}
