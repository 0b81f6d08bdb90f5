package io.tagforge.engine.review;

import io.tagforge.labelsystem.error.TagforgeException;

/** A review request that cannot be carried out; nothing was written. */
public class ReviewException extends TagforgeException {

    public ReviewException(String message) {
        super(message);
    }
}
