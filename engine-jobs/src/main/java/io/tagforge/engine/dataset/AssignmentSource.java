package io.tagforge.engine.dataset;

/** Where a tag assignment came from; the code is tag_assignment.source (table code_name, assignment_source). */
public enum AssignmentSource {
    PARSED_ORIGINAL(0), PARSED_GENERATED(1), MODEL(2), MANUAL(3);

    public final short code;

    AssignmentSource(int code) {
        this.code = (short) code;
    }
}
