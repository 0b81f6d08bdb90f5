package io.tagforge.engine.dataset;

import java.util.Arrays;

/** Why cleaning flagged a tag; the code is tag_assignment.flag_rule (table code_name, domain flag_rule). */
public enum FlagRule {
    OUTLIER_REGION(0), NO_REGION(1), LOW_SCORE(2);

    public final short code;

    FlagRule(int code) {
        this.code = (short) code;
    }

    public static FlagRule of(int code) {
        return Arrays.stream(values()).filter(r -> r.code == code).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No flag rule with code " + code));
    }
}
