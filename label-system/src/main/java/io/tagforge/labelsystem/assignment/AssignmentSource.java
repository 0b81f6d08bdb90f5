package io.tagforge.labelsystem.assignment;

/** Where a tag assignment came from; the code is what the database stores. */
public enum AssignmentSource {
    PARSED_ORIGINAL, PARSED_GENERATED, MODEL, MANUAL;

    public short code() {
        return (short) ordinal();
    }

    public static AssignmentSource ofCode(int code) {
        return values()[code];
    }
}
