package io.tagforge.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.job.JobState;
import io.tagforge.engine.job.JobStore;
import io.tagforge.labelsystem.database.TestDatabase;
import io.tagforge.labelsystem.transaction.Transactions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.apache.spark.sql.SparkSession;

/** What the Spark stages' tests share: the test database's rows as sets, its latest job, a local session. */
public final class StageTests {

    public static final DataSource DB = TestDatabase.dataSource();

    private static SparkSession session;

    private StageTests() {
    }

    /** local[2] with up to 4 attempts per task (plain local[N] never retries a task), made at first use. */
    public static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder().master("local[2,4]").appName("tagforge-spark tests").getOrCreate();
        }
        return session;
    }

    /** Stops the session, so that a command can start its own. */
    public static synchronized void stopSession() {
        if (session != null) {
            session.stop();
            session = null;
        }
    }

    /** Runs a stage with a test hook's setting ({@code InjectedFailures}) in the session, and takes it out again. */
    public static JobRecord runWith(String key, String value, Callable<JobRecord> stage) throws Exception {
        session().conf().set(key, value);
        try {
            return stage.call();
        } finally {
            session().conf().unset(key);
        }
    }

    public static JobRecord latestJob() {
        return new JobStore(Transactions.over(DB)).recent(1).get(0);
    }

    public static void execute(String sql) throws SQLException {
        try (Connection c = DB.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The committed ranges of every stage: start, attempt and commit time. */
    public static Set<String> committedRanges() throws SQLException {
        return strings("SELECT range_start || ' ' || attempt || ' ' || finished_at FROM stage_partition");
    }

    /**
     * A rerun after a stage failed: the same job, succeeded, its split of {@code ranges} kept (not the rerun's
     * number), the ranges committed before left as they were, and only the others run, as the job's log says
     * ({@code "spark: N of R " + what}).
     */
    public static void assertRerunRanOnlyTheMissingRanges(JobRecord failed, JobRecord done, Set<String> committedBefore,
            int ranges, String what) throws SQLException {
        assertThat(done.id()).isEqualTo(failed.id());
        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(strings("SELECT count(*) FROM stage_partition")).containsExactly(String.valueOf(ranges));
        assertThat(committedRanges()).containsAll(committedBefore);
        assertThat(new JobStore(Transactions.over(DB)).logLines(done.id(), 20)).anyMatch(line -> line.endsWith(
                "spark: " + (ranges - committedBefore.size()) + " of " + ranges + " " + what));
    }

    /** The first column of the query's rows, as a set. */
    public static Set<String> strings(String sql) throws SQLException {
        Set<String> values = new HashSet<>();
        try (Connection c = DB.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
