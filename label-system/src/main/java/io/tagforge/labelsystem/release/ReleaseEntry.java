package io.tagforge.labelsystem.release;

import java.math.BigDecimal;

/**
 * One training ID of a release, frozen when the release was made: the tag, its English name, its Chinese name
 * (null when it has none) and its class threshold, with the threshold's spelling when imported from a file.
 */
public record ReleaseEntry(int index, int tagId, String name, String nameZh, float threshold, String thresholdText) {

    /** The threshold as a file line: its imported spelling, else the shortest decimal (0.65, 1). */
    public String thresholdLine() {
        return thresholdText != null ? thresholdText
                : new BigDecimal(Float.toString(threshold)).stripTrailingZeros().toPlainString();
    }
}
