package io.tagforge.curation.review;

/** The item changed under the reviewer: decided by someone else, leased to someone else, or no longer flagged. */
public class ReviewConflictException extends RuntimeException {
    public ReviewConflictException(String message) {
        super(message);
    }
}
