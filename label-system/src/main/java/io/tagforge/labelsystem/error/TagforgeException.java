package io.tagforge.labelsystem.error;

/**
 * A problem with what the user gave or asked for (a file, a name, a value): the caller shows the message as one
 * line and nothing else; the CLI exits with code 2, the UI shows a notification. The message names fields, not
 * command-line flags, because the same error reaches the UI. Anything not of this type is a bug.
 */
public class TagforgeException extends RuntimeException {

    public TagforgeException(String message) {
        super(message);
    }

    public TagforgeException(String message, Throwable cause) {
        super(message, cause);
    }
}
