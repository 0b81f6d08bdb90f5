package io.tagforge.engine.cli;

/** An error in what the user gave (a file, a name, an option): shown as one line, exit code 2. */
public class UserException extends RuntimeException {

    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
