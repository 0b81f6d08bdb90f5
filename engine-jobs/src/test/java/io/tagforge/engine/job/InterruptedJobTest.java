package io.tagforge.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagforge.engine.ingest.IngestFormat;
import io.tagforge.engine.ingest.IngestRequest;
import io.tagforge.engine.ingest.Ingester;
import io.tagforge.engine.testing.TestCli;
import io.tagforge.labelsystem.database.TestDatabase;
import io.tagforge.labelsystem.transaction.Transactions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code kill -9} of a real {@code ./tagforge ingest} process: {@code jobs} shows its job INTERRUPTED (not RUNNING
 * for ever), a job that runs shows RUNNING, and the same command again resumes the job; ingest's progress counts
 * captions, the unit of its counts.
 */
class InterruptedJobTest {

    private static final int CAPTIONS = 400_000;

    private final JobStore store = new JobStore(Transactions.over(TestDatabase.dataSource()));

    @TempDir
    Path dir;

    @Test
    void aKilledIngestShowsInterruptedAndTheSameCommandResumesIt() throws Exception {
        TestDatabase.get().truncateAll();
        Path file = dir.resolve("captions.tsv");
        try (Writer out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < CAPTIONS; i++) {
                out.write("img/" + i / 5 + ".jpg\tA photo " + i + " of a dog on a red sofa.\n");
            }
        }
        ProcessBuilder command = TestCli.child("ingest", "tsv", "--file", file.toString(), "--dataset", "killed")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile());
        Process child = command.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        Optional<JobRecord> running = Optional.empty();
        // the second pass has begun: the job knows its total and counts captions
        while (running.isEmpty() && System.nanoTime() < deadline && child.isAlive()) {
            Thread.sleep(20);
            running = store.recent(1).stream().filter(j -> j.progress() > 0).findFirst();
        }
        assertThat(running).as("a running ingest, log in %s", dir.resolve("child.log")).isPresent();
        assertThat(running.get().state()).isEqualTo(JobState.RUNNING);
        assertThat(running.get().total()).isEqualTo(CAPTIONS);
        assertThat(running.get().progress()).isBetween(1L, (long) CAPTIONS);
        TestCli.kill(child, store);

        long id = running.get().id();
        JobRecord killed = store.find(id).orElseThrow();
        assertThat(killed.state()).isEqualTo(JobState.INTERRUPTED);
        assertThat(killed.state().finished()).isFalse();
        assertThat(jobs()).containsPattern("(?m)^" + id + " +ingest +INTERRUPTED ");
        assertThat(jobs(String.valueOf(id))).contains("job " + id + ": ingest INTERRUPTED")
                .contains("the same command again resumes it");

        // a job whose process lives is RUNNING beside it
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            try {
                new JobRunner(store).runOrResume("test", JobStore.JSON.createObjectNode(), "t", ctx -> {
                    inside.countDown();
                    release.await();
                }, JobListener.NONE);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        other.start();
        inside.await();
        String listed = jobs();
        release.countDown();
        other.join();
        assertThat(listed).containsPattern("(?m)^\\d+ +test +RUNNING ").containsPattern("(?m)^" + id + " +ingest +INTERRUPTED ");

        var result = new Ingester(Transactions.over(TestDatabase.dataSource())).ingest(
                new IngestRequest(IngestFormat.TSV, file, "killed", null, false, null), JobListener.NONE);
        assertThat(result.jobId()).isEqualTo(id);
        assertThat(result.captionsAdded()).isEqualTo(CAPTIONS);
        JobRecord resumed = store.find(id).orElseThrow();
        assertThat(resumed.state()).isEqualTo(JobState.SUCCEEDED);
        // in captions, from zero again (the killed run's transaction rolled back), not bytes read twice
        assertThat(resumed.progress()).isEqualTo(CAPTIONS).isEqualTo(resumed.total());
    }

    private String jobs(String... args) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertThat(new CommandLine(new JobsCommand(store)).execute(args)).isZero();
        } finally {
            System.setOut(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
