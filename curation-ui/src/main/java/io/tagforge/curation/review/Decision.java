package io.tagforge.curation.review;

/** A reviewer's verdict; the code is the assignment state it sets (table code_name, assignment_state). */
public enum Decision {
    ACCEPT(2), REJECT(3);

    final short state;

    Decision(int state) {
        this.state = (short) state;
    }
}
