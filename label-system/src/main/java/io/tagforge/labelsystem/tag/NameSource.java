package io.tagforge.labelsystem.tag;

/** Where a tag name came from; the code is what the database stores. */
public enum NameSource {
    PRIMARY, WORDNET, MANUAL, IMPORT;

    public short code() {
        return (short) ordinal();
    }

    public static NameSource ofCode(int code) {
        return values()[code];
    }
}
