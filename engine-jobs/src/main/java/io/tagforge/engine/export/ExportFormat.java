package io.tagforge.engine.export;

/** The file an export writes; {@link #code} is the value of {@code export.format}. */
public enum ExportFormat {
    /** One JSON list of {image_path, caption, union_label_id, parse_label_id}, as RAM's pretrain_dataset reads. */
    RAM_JSON("ram-json"),
    /** One image per line, with tag names beside the IDs: for people and other tools. */
    JSONL("jsonl");

    private final String code;

    ExportFormat(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
