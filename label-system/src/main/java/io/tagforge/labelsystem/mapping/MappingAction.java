package io.tagforge.labelsystem.mapping;

/** What a curated surface mapping does (column surface_mapping.action, code_name domain mapping_action). */
public enum MappingAction {
    /** the surface stands for the tag, whatever WordNet says ("cell phone" → phone) */
    ADD(1),
    /** the surface never stands for the tag ("air" ↛ gas); without a tag, for no tag at all */
    BLOCK(2),
    /** WordNet links from the surface go only through one noun sense ("mouse" as the device); names no tag */
    PIN(3);

    private final short code;

    MappingAction(int code) {
        this.code = (short) code;
    }

    public short code() {
        return code;
    }

    public static MappingAction ofCode(int code) {
        for (MappingAction a : values()) {
            if (a.code == code) {
                return a;
            }
        }
        throw new IllegalArgumentException("no mapping action with code " + code);
    }
}
