package io.tagforge.spark.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagforge.labelsystem.transaction.Transactions;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.job.JobStore;
import io.tagforge.labelsystem.database.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two attempts of one partition, one after the other and at the same time: the rows commit once. */
class PartitionCommitTest {

    private static final DataSource DB = TestDatabase.dataSource();
    private final JobStore jobs = new JobStore(Transactions.over(DB));
    private StagePartition partition;

    @BeforeEach
    void job() {
        TestDatabase.get().truncateAll();
        long jobId = jobs.create("parse", new ObjectMapper().createObjectNode().put("dataset", "d"), "test");
        partition = new StagePartition(jobId, "parse", 100, 200);
    }

    @Test
    void aSecondAttemptAfterTheFirstCommittedWritesNothing() throws Exception {
        assertThat(PartitionCommit.isDone(DB, partition)).isFalse();
        assertThat(PartitionCommit.commit(DB, partition, "first", 100, Map.of("captions", 100L), marker("first")))
                .isTrue();
        assertThat(PartitionCommit.isDone(DB, partition)).isTrue();
        assertThat(PartitionCommit.commit(DB, partition, "second", 100, Map.of("captions", 100L), marker("second")))
                .isFalse();

        assertThat(markers()).containsExactly("first");
        assertThat(PartitionCommit.done(DB, partition.jobId(), "parse")).containsExactly(100L);
        assertThat(PartitionCommit.done(DB, partition.jobId(), "clean")).isEmpty();
        JobRecord job = jobs.find(partition.jobId()).orElseThrow();
        assertThat(job.progress()).isEqualTo(100);
        assertThat(job.counts().path("captions").asLong()).isEqualTo(100);
        assertThat(job.counts().path("partitions").asLong()).isEqualTo(1);
        assertThat(string("SELECT attempt || ' ' || range_end || ' ' || rows FROM stage_partition"))
                .isEqualTo("first 200 100");
    }

    @Test
    void ofTwoConcurrentAttemptsTheFirstWinsAndTheOtherWaitsForItThenWritesNothing() throws Exception {
        CountDownLatch firstClaimed = new CountDownLatch(1);
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> PartitionCommit.commit(DB, partition, "first", 100, Map.of(), c -> {
            firstClaimed.countDown();
            awaitTheSecondAttemptWaiting();
            marker("first").write(c);
        }));
        assertThat(firstClaimed.await(30, TimeUnit.SECONDS)).isTrue();
        boolean second = PartitionCommit.commit(DB, partition, "second", 100, Map.of(), marker("second"));

        assertThat(first.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(second).isFalse();
        assertThat(markers()).containsExactly("first");
        assertThat(jobs.find(partition.jobId()).orElseThrow().progress()).isEqualTo(100);
        assertThat(string("SELECT attempt FROM stage_partition")).isEqualTo("first");
    }

    @Test
    void anAttemptThatFailsAfterWritingLeavesNothingAndTheWaitingOneCommits() throws Exception {
        CountDownLatch firstClaimed = new CountDownLatch(1);
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> PartitionCommit.commit(DB, partition, "first", 100, Map.of(), c -> {
            marker("first").write(c);
            firstClaimed.countDown();
            awaitTheSecondAttemptWaiting();
            throw new IllegalStateException("executor lost");
        }));
        assertThat(firstClaimed.await(30, TimeUnit.SECONDS)).isTrue();
        boolean second = PartitionCommit.commit(DB, partition, "second", 100, Map.of(), marker("second"));

        assertThatThrownBy(() -> first.get(30, TimeUnit.SECONDS)).hasRootCauseMessage("executor lost");
        assertThat(second).isTrue();
        assertThat(markers()).containsExactly("second");
        assertThat(jobs.find(partition.jobId()).orElseThrow().progress()).isEqualTo(100);
        assertThat(string("SELECT attempt FROM stage_partition")).isEqualTo("second");
    }

    /** A row of the partition's "work" (job_log has no key that would hide a duplicate). */
    private PartitionCommit.RowsWrite marker(String attempt) {
        return c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO job_log (job_id, level, message) VALUES (?, 'INFO', ?)")) {
                ps.setLong(1, partition.jobId());
                ps.setString(2, attempt);
                ps.executeUpdate();
            }
        };
    }

    private List<String> markers() {
        return jobs.logLines(partition.jobId(), 10).stream().map(line -> line.substring(line.lastIndexOf(' ') + 1))
                .toList();
    }

    /** Holds the first attempt's transaction open until the second one's claim waits on it. */
    private static void awaitTheSecondAttemptWaiting() {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (Long.parseLong(string("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                        + "AND wait_event_type = 'Lock' AND query LIKE 'SELECT 1 FROM job WHERE id = $1 FOR UPDATE'")) > 0) {
                    return;
                }
                Thread.sleep(20);
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the second attempt never waited for the first one's transaction");
    }

    private static String string(String sql) throws SQLException {
        try (Connection c = DB.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
