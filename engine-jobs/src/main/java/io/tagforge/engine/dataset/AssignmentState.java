package io.tagforge.engine.dataset;

/** Where a tag assignment stands; the code is tag_assignment.state (table code_name, assignment_state). */
public enum AssignmentState {
    ACTIVE(0), FLAGGED(1), ACCEPTED(2), REJECTED(3);

    public final short code;

    AssignmentState(int code) {
        this.code = (short) code;
    }
}
