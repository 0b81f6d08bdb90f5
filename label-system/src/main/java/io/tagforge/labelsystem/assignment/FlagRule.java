package io.tagforge.labelsystem.assignment;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Why cleaning flagged a tag; the code is what the database stores. */
public enum FlagRule {
    OUTLIER_REGION, NO_REGION, LOW_SCORE;

    public short code() {
        return (short) ordinal();
    }

    public static FlagRule ofCode(int code) {
        return values()[code];
    }

    /** OUTLIER_REGION, outlier-region or outlier region, any case. */
    public static Optional<FlagRule> parse(String name) {
        String normal = name.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        return Arrays.stream(values()).filter(r -> r.name().equals(normal)).findFirst();
    }

    /** As people read it: "outlier region". */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
