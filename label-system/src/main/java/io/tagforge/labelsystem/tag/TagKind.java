package io.tagforge.labelsystem.tag;

/** RAM's three tag types; the code is what the database stores. */
public enum TagKind {
    OBJECT_SCENE, ATTRIBUTE, ACTION;

    public short code() {
        return (short) ordinal();
    }

    public static TagKind ofCode(int code) {
        return values()[code];
    }
}
