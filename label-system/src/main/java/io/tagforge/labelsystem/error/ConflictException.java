package io.tagforge.labelsystem.error;

/**
 * What the caller read was changed by someone else before its write: nothing was written; reload and try again.
 * Told apart from other input errors because retrying after a reload may succeed (the CLI exits with code 4).
 */
public class ConflictException extends TagforgeException {

    public ConflictException(String message) {
        super(message);
    }
}
