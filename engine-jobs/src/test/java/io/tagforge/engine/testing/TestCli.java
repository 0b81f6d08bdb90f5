package io.tagforge.engine.testing;

import io.tagforge.labelsystem.database.TestDatabase;
import io.tagforge.engine.cli.CliApplication;
import io.tagforge.engine.cli.TagforgeCli;
import io.tagforge.engine.job.JobState;
import io.tagforge.engine.job.JobStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/** The CLI's application context on the test database; the caller closes it. */
public final class TestCli {

    private TestCli() {
    }

    public static ConfigurableApplicationContext context() {
        return CliApplication.start(Map.of("tagforge.db.url", TestDatabase.get().url()));
    }

    /**
     * {@code ./tagforge ARGS} in a child JVM on the test's classpath, reaching the test database through the CLI's
     * environment variables: for tests that kill it.
     */
    public static ProcessBuilder child(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), TagforgeCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("TAGFORGE_DB_URL", TestDatabase.get().url());
        builder.environment().put("TAGFORGE_DB_USER", "postgres");
        builder.environment().put("TAGFORGE_DB_PASSWORD", "");
        return builder;
    }

    /**
     * Kills the child as {@code kill -9} does and waits until its jobs read INTERRUPTED: the server ends a dead client's
     * session, and the job locks it held, when it reads the closed socket, soon but not at once.
     */
    public static void kill(Process child, JobStore jobs) throws InterruptedException {
        child.destroyForcibly().waitFor();
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (jobs.recent(10).stream().anyMatch(j -> j.state() == JobState.RUNNING) && System.nanoTime() < until) {
            Thread.sleep(20);
        }
    }

    /** With RAM's tag lists and the demo data looked for under {@code shared}. */
    public static ConfigurableApplicationContext context(Path shared) {
        Map<String, Object> properties = new HashMap<>(Map.of("tagforge.db.url", TestDatabase.get().url()));
        properties.put("tagforge.shared", shared.toString());
        return CliApplication.start(properties);
    }
}
