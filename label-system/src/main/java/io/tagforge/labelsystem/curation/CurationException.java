package io.tagforge.labelsystem.curation;

import io.tagforge.labelsystem.error.TagforgeException;

/** A curation operation that cannot be done as asked (unknown tag, name taken...); nothing was written. */
public final class CurationException extends TagforgeException {

    CurationException(String message) {
        super(message);
    }
}
