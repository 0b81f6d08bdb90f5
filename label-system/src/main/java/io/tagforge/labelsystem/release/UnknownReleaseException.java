package io.tagforge.labelsystem.release;

/** No release has the name asked for. */
public final class UnknownReleaseException extends RuntimeException {

    public UnknownReleaseException(String name) {
        super("no release named \"" + name + "\"");
    }
}
