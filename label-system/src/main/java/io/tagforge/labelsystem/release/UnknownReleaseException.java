package io.tagforge.labelsystem.release;

import io.tagforge.labelsystem.error.TagforgeException;

/** No release has the name asked for. */
public final class UnknownReleaseException extends TagforgeException {

    public UnknownReleaseException(String name) {
        super("no release named \"" + name + "\"");
    }
}
