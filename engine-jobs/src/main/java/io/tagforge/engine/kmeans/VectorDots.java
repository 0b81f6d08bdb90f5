package io.tagforge.engine.kmeans;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD dot products (AVX2/AVX-512 lanes): four centers per pass, one fused multiply-add chain each, so the
 * row's vector is loaded once for four products and four chains hide the FMA latency.
 */
final class VectorDots implements Dots {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    @Override
    public String describe() {
        return "SIMD, " + SPECIES.length() + " float lanes (Vector API)";
    }

    @Override
    public void dots(float[] x, int xOffset, float[] centers, int cOffset, int m, int dim, float[] out) {
        int bound = SPECIES.loopBound(dim);
        int lanes = SPECIES.length();
        int j = 0;
        for (; j + 4 <= m; j += 4) {
            int c0 = cOffset + j * dim;
            int c1 = c0 + dim;
            int c2 = c1 + dim;
            int c3 = c2 + dim;
            FloatVector a0 = FloatVector.zero(SPECIES);
            FloatVector a1 = FloatVector.zero(SPECIES);
            FloatVector a2 = FloatVector.zero(SPECIES);
            FloatVector a3 = FloatVector.zero(SPECIES);
            int d = 0;
            for (; d < bound; d += lanes) {
                FloatVector v = FloatVector.fromArray(SPECIES, x, xOffset + d);
                a0 = v.fma(FloatVector.fromArray(SPECIES, centers, c0 + d), a0);
                a1 = v.fma(FloatVector.fromArray(SPECIES, centers, c1 + d), a1);
                a2 = v.fma(FloatVector.fromArray(SPECIES, centers, c2 + d), a2);
                a3 = v.fma(FloatVector.fromArray(SPECIES, centers, c3 + d), a3);
            }
            float s0 = a0.reduceLanes(VectorOperators.ADD);
            float s1 = a1.reduceLanes(VectorOperators.ADD);
            float s2 = a2.reduceLanes(VectorOperators.ADD);
            float s3 = a3.reduceLanes(VectorOperators.ADD);
            out[j] = s0 + ScalarDots.dot(x, xOffset, centers, c0, d, dim);
            out[j + 1] = s1 + ScalarDots.dot(x, xOffset, centers, c1, d, dim);
            out[j + 2] = s2 + ScalarDots.dot(x, xOffset, centers, c2, d, dim);
            out[j + 3] = s3 + ScalarDots.dot(x, xOffset, centers, c3, d, dim);
        }
        for (; j < m; j++) {
            int c = cOffset + j * dim;
            FloatVector a = FloatVector.zero(SPECIES);
            int d = 0;
            for (; d < bound; d += lanes) {
                a = FloatVector.fromArray(SPECIES, x, xOffset + d).fma(FloatVector.fromArray(SPECIES, centers, c + d), a);
            }
            out[j] = a.reduceLanes(VectorOperators.ADD) + ScalarDots.dot(x, xOffset, centers, c, d, dim);
        }
    }
}
