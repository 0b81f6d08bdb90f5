package io.tagforge.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagforge.labelsystem.error.ConflictException;
import io.tagforge.labelsystem.error.TagforgeException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The exit codes and the one-line error of the README's table, for each kind of failure a command can end in. */
class UserErrorHandlerTest {

    @Command(name = "fails")
    record Fails(Exception failure) implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            throw failure;
        }
    }

    record Run(int code, String err) {
    }

    static Run run(Exception failure) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Fails(failure)).setErr(new PrintWriter(err, true))
                .setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF))
                .setExecutionExceptionHandler(new UserErrorHandler());
        return new Run(cli.execute(), err.toString());
    }

    @Test
    void badInputIsOneLineWithCode2() {
        Run run = run(new TagforgeException("dataset: no dataset named \"nope\""));
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: dataset: no dataset named \"nope\"" + System.lineSeparator());
        assertThat(run(new UncheckedIOException(new NoSuchFileException("gone.txt"))).code()).isEqualTo(2);
        assertThat(run(new NoSuchFileException("gone.txt")).err()).isEqualTo("error: gone.txt" + System.lineSeparator());
    }

    @Test
    void aConflictIsOneLineWithCode4() {
        Run run = run(new ConflictException("tag 7 (sofa) was changed by someone else"));
        assertThat(run.code()).isEqualTo(4);
        assertThat(run.err()).isEqualTo("error: tag 7 (sofa) was changed by someone else" + System.lineSeparator());
    }

    @Test
    void aBugKeepsItsStackTraceWithCode1() {
        Run run = run(new IllegalStateException("broken invariant"));
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).startsWith("internal error: java.lang.IllegalStateException: broken invariant")
                .contains("\tat ");
    }
}
