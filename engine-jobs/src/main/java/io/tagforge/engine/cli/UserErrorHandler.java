package io.tagforge.engine.cli;

import io.tagforge.labelsystem.error.ConflictException;
import io.tagforge.labelsystem.error.TagforgeException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Bad input is the user's to fix: a one-line message and an exit code, no stack trace. Anything else is a bug
 * and keeps its stack trace. The codes are listed in the README.
 */
public final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {

    /** what the user gave or asked for is wrong (picocli uses the same code for a bad command line) */
    static final int BAD_INPUT = 2;
    /** someone else changed what the command read: running it again may succeed */
    static final int CONFLICT = 4;

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
        if (e instanceof TagforgeException || e instanceof UncheckedIOException || e instanceof NoSuchFileException) {
            cli.getErr().println(cli.getColorScheme().errorText("error: " + e.getMessage()));
            return e instanceof ConflictException ? CONFLICT : BAD_INPUT;
        }
        cli.getErr().println(cli.getColorScheme().errorText("internal error: " + e));
        e.printStackTrace(cli.getErr());
        return 1;
    }
}
