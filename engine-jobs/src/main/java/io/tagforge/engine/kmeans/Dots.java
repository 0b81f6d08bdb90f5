package io.tagforge.engine.kmeans;

/**
 * Dot products of one row with a block of centers, the inner loop of K-Means. Two implementations: SIMD
 * through the incubating Vector API when the JVM runs with {@code --add-modules jdk.incubator.vector} (as
 * {@code ./tagforge} and the tests do), plain Java otherwise (a JVM that embeds the engine without the flag).
 */
interface Dots {

    /**
     * {@code out[j] = x[xOffset .. xOffset+dim) · centers[cOffset+j*dim .. cOffset+(j+1)*dim)} for j in [0, m).
     */
    void dots(float[] x, int xOffset, float[] centers, int cOffset, int m, int dim, float[] out);

    /** What runs the products, for benchmark output. */
    String describe();

    static Dots best() {
        return Holder.BEST;
    }

    final class Holder {
        private static final Dots BEST = load();

        private static Dots load() {
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
                try {
                    // by name: the class must not even be linked on a JVM without the module
                    return (Dots) Class.forName("io.tagforge.engine.kmeans.VectorDots")
                            .getDeclaredConstructor().newInstance();
                } catch (ReflectiveOperationException | LinkageError e) {
                    return new ScalarDots();
                }
            }
            return new ScalarDots();
        }

        private Holder() {
        }
    }
}
