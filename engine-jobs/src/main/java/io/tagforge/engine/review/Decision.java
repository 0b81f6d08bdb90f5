package io.tagforge.engine.review;

import io.tagforge.labelsystem.assignment.AssignmentState;

/** A reviewer's verdict on a pair, and the state it gives the pair and its rows. */
public enum Decision {
    ACCEPT(AssignmentState.ACCEPTED), REJECT(AssignmentState.REJECTED);

    private final AssignmentState state;

    Decision(AssignmentState state) {
        this.state = state;
    }

    public AssignmentState state() {
        return state;
    }

    public static Decision ofState(int code) {
        return code == AssignmentState.REJECTED.code() ? REJECT : ACCEPT;
    }
}
