package io.tagforge.engine.kmeans;

/** Plain-Java dot products: four centers per pass over the row, so each x value is loaded once per four. */
final class ScalarDots implements Dots {

    @Override
    public String describe() {
        return "scalar Java (start the JVM with --add-modules jdk.incubator.vector for SIMD)";
    }

    @Override
    public void dots(float[] x, int xOffset, float[] centers, int cOffset, int m, int dim, float[] out) {
        int j = 0;
        for (; j + 4 <= m; j += 4) {
            int c0 = cOffset + j * dim;
            int c1 = c0 + dim;
            int c2 = c1 + dim;
            int c3 = c2 + dim;
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            for (int d = 0; d < dim; d++) {
                float v = x[xOffset + d];
                s0 += v * centers[c0 + d];
                s1 += v * centers[c1 + d];
                s2 += v * centers[c2 + d];
                s3 += v * centers[c3 + d];
            }
            out[j] = s0;
            out[j + 1] = s1;
            out[j + 2] = s2;
            out[j + 3] = s3;
        }
        for (; j < m; j++) {
            out[j] = dot(x, xOffset, centers, cOffset + j * dim, 0, dim);
        }
    }

    /** The product over dimensions [from, to) of the row at {@code xOffset} and the center at {@code cOffset}. */
    static float dot(float[] x, int xOffset, float[] centers, int cOffset, int from, int to) {
        float s = 0;
        for (int d = from; d < to; d++) {
            s += x[xOffset + d] * centers[cOffset + d];
        }
        return s;
    }
}
