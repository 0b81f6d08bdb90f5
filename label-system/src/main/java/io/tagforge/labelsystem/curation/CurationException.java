package io.tagforge.labelsystem.curation;

/** A curation operation that cannot be done as asked (unknown tag, name taken...); nothing was written. */
public final class CurationException extends RuntimeException {

    CurationException(String message) {
        super(message);
    }
}
