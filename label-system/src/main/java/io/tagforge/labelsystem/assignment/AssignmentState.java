package io.tagforge.labelsystem.assignment;

/** The state of a tag assignment and of an image–tag pair; the code is what the database stores. */
public enum AssignmentState {
    ACTIVE, FLAGGED, ACCEPTED, REJECTED;

    public short code() {
        return (short) ordinal();
    }

    public static AssignmentState ofCode(int code) {
        return values()[code];
    }
}
