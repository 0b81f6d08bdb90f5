package io.tagforge.engine.cli;

import io.tagforge.engine.review.ReviewException;
import picocli.CommandLine;

/**
 * Bad input is the user's to fix: a one-line message and exit code 2, no stack trace. Anything else is a bug
 * and keeps its stack trace.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
        if (e instanceof UserException || e instanceof ReviewException || e instanceof java.io.UncheckedIOException
                || e instanceof java.nio.file.NoSuchFileException) {
            cli.getErr().println(cli.getColorScheme().errorText("error: " + e.getMessage()));
            return 2;
        }
        cli.getErr().println(cli.getColorScheme().errorText("internal error: " + e));
        e.printStackTrace(cli.getErr());
        return 1;
    }
}
