package io.tagforge.engine.review;

/** The pair changed under the reviewer: decided by someone else, leased to someone else, or no longer flagged. */
public class ReviewConflictException extends ReviewException {

    public ReviewConflictException(String message) {
        super(message);
    }
}
