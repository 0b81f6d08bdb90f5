package io.tagforge.engine.review;

/** A review request that cannot be carried out; nothing was written. */
public class ReviewException extends RuntimeException {

    public ReviewException(String message) {
        super(message);
    }
}
