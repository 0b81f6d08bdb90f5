package io.tagforge.labelsystem.curation;

import io.tagforge.labelsystem.error.ConflictException;

/**
 * Someone changed the tag since the caller read it: nothing was written; reload the tag and apply the change
 * again.
 */
public final class ConcurrentEditException extends ConflictException {

    ConcurrentEditException(String message) {
        super(message);
    }

    static ConcurrentEditException tag(int tagId, String name, int current, int expected) {
        return new ConcurrentEditException("tag " + tagId + " (" + name + ") was changed by someone else since you "
                + "read it (now version " + current + ", you had " + expected + "): nothing was saved; reload and retry");
    }
}
