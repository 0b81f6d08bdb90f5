package io.tagforge.engine.kmeans;

import java.util.stream.IntStream;

/**
 * The rows being clustered, their squared norms, and their split into fixed chunks: chunk boundaries depend
 * on n alone, so partial results added in chunk order are the same on every machine.
 */
final class Rows {

    private static final int MIN_CHUNK_ROWS = 2048;
    private static final int MAX_CHUNKS = 64;

    private final float[] data;
    private final int n;
    private final int dim;
    private final int chunkRows;
    private final int chunks;
    private final float[] norms;
    private final Dots dots = Dots.best();

    Rows(float[] data, int n, int dim) {
        this.data = data;
        this.n = n;
        this.dim = dim;
        this.chunkRows = Math.max(MIN_CHUNK_ROWS, (n + MAX_CHUNKS - 1) / MAX_CHUNKS);
        this.chunks = (n + chunkRows - 1) / chunkRows;
        this.norms = new float[n];
        chunkStream().forEach(c -> {
            for (int row = chunkStart(c); row < chunkEnd(c); row++) {
                norms[row] = (float) KMeans.squaredNorm(data, row * dim, dim);
            }
        });
    }

    /** {@code out[j]} = row · center j, for the first m centers of {@code centers}. */
    void dots(int row, float[] centers, int m, float[] out) {
        dots.dots(data, row * dim, centers, 0, m, dim, out);
    }

    /** Euclidean distance of a row to center j, whose squared norm is given. */
    float distance(int row, float[] centers, int j, float centerNorm, float[] scratch) {
        dots.dots(data, row * dim, centers, j * dim, 1, dim, scratch);
        return (float) Math.sqrt(Math.max(0, norms[row] + centerNorm - 2 * scratch[0]));
    }

    float[] norms(float[] centers, int m) {
        float[] result = new float[m];
        for (int j = 0; j < m; j++) {
            result[j] = (float) KMeans.squaredNorm(centers, j * dim, dim);
        }
        return result;
    }

    float norm(int row) {
        return norms[row];
    }

    float[] data() {
        return data;
    }

    int n() {
        return n;
    }

    int dim() {
        return dim;
    }

    int chunks() {
        return chunks;
    }

    IntStream chunkStream() {
        return IntStream.range(0, chunks).parallel();
    }

    int chunkStart(int chunk) {
        return chunk * chunkRows;
    }

    int chunkEnd(int chunk) {
        return Math.min(n, (chunk + 1) * chunkRows);
    }
}
