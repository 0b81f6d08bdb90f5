package io.tagforge.engine.model;

/**
 * Antialiased separable resampling of float planes, the scheme of PIL's resize and of PyTorch's
 * {@code interpolate(..., antialias=True)}: each output pixel is a normalized weighted sum of the input
 * pixels under the filter, the filter widened by the scale when shrinking, so no input pixel is skipped.
 * Pixel centres sit at +0.5; weights falling outside the image are dropped and the rest renormalized.
 * Computed in float without clamping, as PyTorch does, so an export's reference made with PyTorch agrees.
 */
final class Resampler {

    /** The two filters model.json may name. */
    enum Filter {
        /** triangle, support 1 */
        BILINEAR(1) {
            @Override
            double weight(double x) {
                x = Math.abs(x);
                return x < 1 ? 1 - x : 0;
            }
        },
        /** Keys' cubic with a = -0.5, support 2 (PIL's and PyTorch's antialiased bicubic) */
        BICUBIC(2) {
            @Override
            double weight(double x) {
                double a = -0.5;
                x = Math.abs(x);
                if (x < 1) {
                    return ((a + 2) * x - (a + 3)) * x * x + 1;
                }
                if (x < 2) {
                    return (((x - 5) * x + 8) * x - 4) * a;
                }
                return 0;
            }
        };

        final double support;

        Filter(double support) {
            this.support = support;
        }

        abstract double weight(double x);
    }

    private Resampler() {
    }

    /**
     * {@code planes} channels of {@code inHeight} × {@code inWidth}, one after another → the same channels at
     * {@code outHeight} × {@code outWidth}.
     */
    static float[] resize(float[] planes, int channels, int inWidth, int inHeight, int outWidth, int outHeight,
            Filter filter) {
        Taps horizontal = taps(inWidth, outWidth, filter);
        Taps vertical = taps(inHeight, outHeight, filter);
        float[] rows = new float[channels * inHeight * outWidth];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < inHeight; y++) {
                int in = (c * inHeight + y) * inWidth;
                int out = (c * inHeight + y) * outWidth;
                for (int x = 0; x < outWidth; x++) {
                    rows[out + x] = horizontal.apply(planes, in, 1, x);
                }
            }
        }
        float[] result = new float[channels * outHeight * outWidth];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < outHeight; y++) {
                int out = (c * outHeight + y) * outWidth;
                for (int x = 0; x < outWidth; x++) {
                    result[out + x] = vertical.apply(rows, c * inHeight * outWidth + x, outWidth, y);
                }
            }
        }
        return result;
    }

    /** Per output position: the first input index and the normalized weights from there. */
    private record Taps(int[] first, float[][] weights) {

        float apply(float[] values, int base, int stride, int output) {
            float[] w = weights[output];
            int at = base + first[output] * stride;
            float sum = 0;
            for (int i = 0; i < w.length; i++, at += stride) {
                sum += w[i] * values[at];
            }
            return sum;
        }
    }

    private static Taps taps(int in, int out, Filter filter) {
        double scale = (double) in / out;
        double widen = Math.max(scale, 1);
        double support = filter.support * widen;
        int[] first = new int[out];
        float[][] weights = new float[out][];
        for (int i = 0; i < out; i++) {
            double centre = scale * (i + 0.5);
            int from = Math.max((int) (centre - support + 0.5), 0);
            int to = Math.min((int) (centre + support + 0.5), in);
            double[] w = new double[to - from];
            double total = 0;
            for (int j = 0; j < w.length; j++) {
                w[j] = filter.weight((j + from - centre + 0.5) / widen);
                total += w[j];
            }
            weights[i] = new float[w.length];
            for (int j = 0; j < w.length; j++) {
                weights[i][j] = (float) (total != 0 ? w[j] / total : 0);
            }
            first[i] = from;
        }
        return new Taps(first, weights);
    }
}
