package io.tagforge.engine.review;

import io.tagforge.labelsystem.error.ConflictException;

/** The pair changed under the reviewer: decided by someone else, leased to someone else, or no longer flagged. */
public class ReviewConflictException extends ConflictException {

    public ReviewConflictException(String message) {
        super(message);
    }
}
