package io.tagforge.engine.review;

import java.util.Locale;

/** The 95% Wilson score interval of a share: {@code successes} of {@code n}; 0–1 when n is 0. */
public record WilsonInterval(double low, double high) {

    private static final double Z = 1.959963984540054;

    public static WilsonInterval of(long successes, long n) {
        if (n == 0) {
            return new WilsonInterval(0, 1);
        }
        double p = (double) successes / n;
        double z2 = Z * Z;
        double centre = p + z2 / (2 * n);
        double spread = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        double denominator = 1 + z2 / n;
        return new WilsonInterval(Math.max(0, (centre - spread) / denominator), Math.min(1, (centre + spread) / denominator));
    }

    /** "81–97%" */
    public String percent() {
        return String.format(Locale.ROOT, "%.0f–%.0f%%", low * 100, high * 100);
    }
}
