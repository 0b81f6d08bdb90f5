package io.tagforge.spark.parse;

import static io.tagforge.spark.StageTests.DB;
import static io.tagforge.spark.StageTests.strings;
import static io.tagforge.spark.parse.LocalParse.ADDRESS;
import static io.tagforge.spark.parse.LocalParse.ASSIGNMENTS;
import static io.tagforge.spark.parse.LocalParse.CAPTIONS;
import static io.tagforge.spark.parse.LocalParse.DATASET;
import static io.tagforge.spark.parse.LocalParse.OBSERVATIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.tagforge.engine.job.JobListener;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.job.JobState;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parse stage on a standalone cluster: a Spark master and two workers (one core each) in child JVMs on
 * 127.0.0.1, started from the Maven jars. One worker and its executor are killed once the first caption ranges
 * have committed; the stage finishes on the other with exactly the local parse job's rows, each range once.
 */
class StandaloneClusterTest {

    private static final Duration PATIENCE = Duration.ofMinutes(4);
    private static final int RANGES = 12;

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void stopCluster() {
        children.forEach(StandaloneClusterTest::kill);
    }

    @Test
    void killingAWorkerMidStageStillGivesExactlyTheLocalJobsRows() throws Exception {
        int masterPort = freePort();
        String master = "spark://127.0.0.1:" + masterPort;
        start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                String.valueOf(masterPort), "--webui-port", String.valueOf(freePort()));
        List<Process> workers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path work = Files.createDirectories(dir.resolve("work-" + i));
            workers.add(start("worker-" + i, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                    "--cores", "1", "--memory", "2g", "--webui-port", String.valueOf(freePort()),
                    "--work-dir", work.toString(), master));
        }
        // while the daemons start
        LocalParse local = LocalParse.run();
        local.unparse();

        SparkSession spark = SparkSession.builder().master(master).appName("StandaloneClusterTest")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                // the workers' executors run the test's classes and jars, all on this machine
                .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .config("spark.executor.memory", "1800m").config("spark.executor.cores", "1")
                .getOrCreate();
        try {
            // not a session another test left running
            assertThat(spark.sparkContext().master()).isEqualTo(master);
            CompletableFuture<JobRecord> stage = CompletableFuture.supplyAsync(() -> {
                try {
                    return new SparkParseJob(spark, DB, ADDRESS, DATASET, RANGES).run("test", JobListener.NONE);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            long committed = 0;
            while (committed == 0 && System.nanoTime() < deadline && !stage.isDone()) {
                Thread.sleep(50);
                committed = Long.parseLong(strings("SELECT count(*) FROM stage_partition").iterator().next());
            }
            assertThat(committed).as("ranges committed before the kill, logs in %s", dir).isBetween(1L, RANGES - 1L);
            // the whole machine of the worker whose executor committed first goes: the worker and that executor
            String executor = strings("SELECT substring(attempt from 'on executor (\\d+)') FROM stage_partition "
                    + "ORDER BY finished_at LIMIT 1").iterator().next();
            kill(workers.get(workerOf(executor)));

            JobRecord job = stage.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(strings(ASSIGNMENTS)).isEqualTo(local.assignments());
            assertThat(strings(OBSERVATIONS)).isEqualTo(local.observations());
            assertThat(job.progress()).isEqualTo(CAPTIONS).isEqualTo(job.total());
            assertThat(job.counts().path("partitions").asLong()).isEqualTo(RANGES);
            assertThat(strings("SELECT count(*) || ' ' || sum(rows) FROM stage_partition"))
                    .containsExactly(RANGES + " " + CAPTIONS);
            // both workers' executors committed ranges: the killed one before its end, the other one the rest
            assertThat(strings("SELECT DISTINCT substring(attempt from 'on executor (\\d+)') FROM stage_partition"))
                    .hasSizeGreaterThanOrEqualTo(2);
        } finally {
            spark.stop();
        }
    }

    /** A Spark daemon in a child JVM on the test's classpath; SPARK_HOME is an empty folder (no jars of its own). */
    private Process start(String name, String mainClass, String... args) throws IOException {
        Path home = Files.createDirectories(dir.resolve("spark-home"));
        Files.createDirectories(home.resolve("jars"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(System.getProperty("spark.jvm.options", "").split("\\s+")).stream()
                .filter(o -> !o.isBlank()).toList());
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().put("SPARK_HOME", home.toString());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        Process process = builder.start();
        children.add(process);
        return process;
    }

    /** Which worker runs the executor: a worker keeps each executor's logs in work-dir/APP/EXECUTOR-ID. */
    private int workerOf(String executor) throws IOException {
        for (int i = 0; i < 2; i++) {
            try (var apps = Files.list(dir.resolve("work-" + i))) {
                if (apps.anyMatch(app -> Files.isDirectory(app.resolve(executor)))) {
                    return i;
                }
            }
        }
        throw new IllegalStateException("no worker ran executor " + executor + ", see " + dir);
    }

    /** The process and what it started (a worker's executors), at once. */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
