package io.tagforge.engine.export;

import io.tagforge.labelsystem.error.TagforgeException;
import java.nio.charset.StandardCharsets;

/**
 * A held-out part of an export ({@code val=0.05}): an image goes there when a hash of its path falls under the
 * fraction, so the same image lands in the same part in every export and adding images moves no one.
 */
public record Split(String name, double fraction) {

    public Split {
        if (!name.matches("[A-Za-z0-9_-]{1,40}")) {
            throw new TagforgeException("split: part name \"" + name + "\" must be letters, digits, _ or -");
        }
        if (!(fraction > 0 && fraction < 1)) {
            throw new TagforgeException("split: fraction " + fraction + " must be between 0 and 1 (exclusive)");
        }
    }

    /** Parses {@code NAME=FRACTION}. */
    public static Split parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq < 0) {
            throw new TagforgeException("split: \"" + spec + "\" is not NAME=FRACTION (e.g. val=0.05)");
        }
        double fraction;
        try {
            fraction = Double.parseDouble(spec.substring(eq + 1));
        } catch (NumberFormatException e) {
            throw new TagforgeException("split: \"" + spec.substring(eq + 1) + "\" is not a number");
        }
        return new Split(spec.substring(0, eq), fraction);
    }

    @Override
    public String toString() {
        return name + "=" + fraction;
    }

    boolean holdsOut(String imagePath) {
        // FNV-1a then MurmurHash3's finalizer: defined by bytes alone, so the split never changes between runs or
        // machines, and paths differing in one digit still spread evenly
        long h = 0xcbf29ce484222325L;
        for (byte b : imagePath.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return Long.remainderUnsigned(h, 1_000_000) < Math.round(fraction * 1_000_000);
    }
}
