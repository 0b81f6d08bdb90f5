package io.tagforge.engine.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagforge.labelsystem.database.TestDatabase;
import io.tagforge.labelsystem.transaction.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

class JobRunnerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JobStore store = new JobStore(Transactions.over(TestDatabase.dataSource()));
    private final JobRunner runner = new JobRunner(store);

    @BeforeEach
    void setUp() throws SQLException {
        TestDatabase.get().truncateAll();
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS job_test_rows (n int PRIMARY KEY)");
            st.execute("TRUNCATE job_test_rows");
        }
    }

    /** Writes numbers 0..99 in batches of 10, failing once at {@code failAt} if it is not negative. */
    private JobBody numbers(int failAt) {
        return ctx -> {
            ctx.total(100);
            int next = ctx.checkpoint() == null ? 0 : ctx.checkpoint().get("next").asInt();
            for (int start = next; start < 100; start += 10) {
                if (start == failAt) {
                    throw new IllegalStateException("injected failure at " + start);
                }
                int from = start;
                ctx.commitBatch(c -> {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO job_test_rows VALUES (?)")) {
                        for (int n = from; n < from + 10; n++) {
                            ps.setInt(1, n);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }, JSON.createObjectNode().put("next", start + 10), 10, Map.of("rows", 10L));
            }
        };
    }

    @Test
    void rerunAfterFailureContinuesFromCheckpointWithoutDuplicates() throws Exception {
        JsonNode params = JSON.createObjectNode().put("dataset", "d");
        assertThatThrownBy(() -> runner.runOrResume("test", params, "t", numbers(50), JobListener.NONE))
                .hasMessage("injected failure at 50");
        JobRecord failed = store.recent(1).get(0);
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.error()).isEqualTo("injected failure at 50");
        assertThat(failed.progress()).isEqualTo(50);
        assertThat(rows()).hasSize(50);

        JobRecord done = runner.runOrResume("test", params, "t", numbers(-1), JobListener.NONE);
        assertThat(done.id()).isEqualTo(failed.id());
        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(done.progress()).isEqualTo(100);
        assertThat(done.count("rows")).isEqualTo(100);
        assertThat(rows()).hasSize(100).doesNotHaveDuplicates();

        // a finished job is not resumed: the same work again is a new job
        JobRecord again = runner.runOrResume("test", params, "t", ctx -> { }, JobListener.NONE);
        assertThat(again.id()).isNotEqualTo(done.id());
    }

    @Test
    void cancelStopsAfterTheCurrentBatch() throws Exception {
        JsonNode params = JSON.createObjectNode();
        List<Long> seen = new ArrayList<>();
        JobRecord job = runner.runOrResume("test", params, "t", ctx -> {
            for (int i = 0; i < 5 && !ctx.cancelRequested(); i++) {
                seen.add(ctx.progress());
                ctx.commitBatch(c -> { }, null, 1, Map.of());
                if (i == 1) {
                    store.requestCancel(ctx.jobId());
                    Thread.sleep(1100); // past the context's poll interval
                }
            }
        }, JobListener.NONE);
        assertThat(job.state()).isEqualTo(JobState.CANCELLED);
        assertThat(seen).containsExactly(0L, 1L);
    }

    @Test
    void aJobRunningElsewhereIsNotRunTwice() throws Exception {
        long id = store.create("test", JSON.createObjectNode(), "t");
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread first = new Thread(() -> {
            try {
                runner.run(id, ctx -> {
                    inside.countDown();
                    release.await();
                }, JobListener.NONE);
            } catch (Exception e) {
                failure.set(e);
            }
        });
        first.start();
        inside.await();
        assertThatThrownBy(() -> runner.run(id, ctx -> { }, JobListener.NONE))
                .isInstanceOf(JobRunner.JobAlreadyRunningException.class)
                .hasMessageContaining("job " + id + " is already running");
        release.countDown();
        first.join();
        assertThat(failure.get()).isNull();
        assertThat(store.find(id).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
    }

    /**
     * As in the application, the DataSource hands a plain {@code getConnection()} the current transaction's
     * connection: a job started inside a caller's transaction still commits each batch with its checkpoint on
     * its own, and does not commit the caller's work (the caller's rollback still takes it back).
     */
    @Test
    void batchesCommitOnTheirOwnWithoutCommittingTheCallersTransaction() throws Exception {
        Transactions transactions = Transactions.over(new TransactionAwareDataSourceProxy(TestDatabase.dataSource()));
        JobRunner runner = new JobRunner(new JobStore(transactions));
        JsonNode params = JSON.createObjectNode().put("dataset", "inside a caller's transaction");
        assertThatThrownBy(() -> transactions.run("caller", c -> {
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO job_test_rows VALUES (1000)");
            }
            try {
                runner.runOrResume("test", params, "t", numbers(-1), JobListener.NONE);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            throw new IllegalStateException("the caller fails after the job");
        })).hasMessage("the caller fails after the job");

        assertThat(rows()).hasSize(100).doesNotContain(1000);
        JobRecord job = store.recent(1).get(0);
        assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(job.checkpoint().get("next").asInt()).isEqualTo(100);
    }

    private List<Integer> rows() throws SQLException {
        List<Integer> rows = new ArrayList<>();
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT n FROM job_test_rows ORDER BY n")) {
            while (rs.next()) {
                rows.add(rs.getInt(1));
            }
        }
        return rows;
    }
}
