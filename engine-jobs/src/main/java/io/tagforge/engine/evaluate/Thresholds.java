package io.tagforge.engine.evaluate;

import io.tagforge.labelsystem.error.TagforgeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Per-entry thresholds, one number per line in taglist order, as RAM's {@code ram_tag_list_threshold.txt}. */
final class Thresholds {

    private Thresholds() {
    }

    static float[] read(Path file, Taglist taglist) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (lines.size() != taglist.size()) {
            throw new TagforgeException(file + ": " + lines.size() + " thresholds, but " + taglist.file() + " has "
                    + taglist.size() + " entries");
        }
        float[] thresholds = new float[lines.size()];
        for (int i = 0; i < thresholds.length; i++) {
            String s = lines.get(i).strip();
            try {
                thresholds[i] = Float.parseFloat(s);
            } catch (NumberFormatException e) {
                thresholds[i] = Float.NaN;
            }
            if (!Float.isFinite(thresholds[i])) {
                throw new TagforgeException(file + ":" + (i + 1) + ": threshold \"" + s + "\" is not a number");
            }
        }
        return thresholds;
    }

    static float[] uniform(float threshold, Taglist taglist) {
        float[] thresholds = new float[taglist.size()];
        Arrays.fill(thresholds, threshold);
        return thresholds;
    }
}
