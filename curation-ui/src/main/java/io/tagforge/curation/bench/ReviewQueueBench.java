package io.tagforge.curation.bench;

import io.tagforge.curation.review.ReviewItem;
import io.tagforge.curation.review.ReviewQueue;
import io.tagforge.curation.security.CurrentUser;
import io.tagforge.labelsystem.database.Database;
import io.tagforge.labelsystem.database.DatabaseSettings;
import io.tagforge.engine.review.PairReview;
import io.tagforge.engine.review.QueueCursor;
import io.tagforge.engine.review.QueueEntry;
import io.tagforge.engine.review.QueueOrder;
import io.tagforge.engine.review.ReviewFilter;
import io.tagforge.labelsystem.assignment.AssignmentState;
import io.tagforge.labelsystem.assignment.FlagRule;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./tagforge bench review}: seeds a dataset with N tag assignments by COPY (once; a rerun reuses it), made
 * as parsing makes them: {@value #CAPTIONS} captions an image, {@value #PAIRS} tags an image, each tag parsed from
 * 1 to {@value #CAPTIONS} of the captions, so a pair has several rows; a share of the pairs flagged. Then prints
 * the time of the review queue's own calls: opening the queue (claiming and loading the first pair with all its
 * evidence) and paging through it (keyset pages), for the filters and orders the UI offers. Target: under 300 ms. Then
 * opening the dashboard on the same data ({@link DashboardBench}). Target: under 1 s.
 */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = "Seeds N tag assignments (COPY) and times opening and paging the review queue, then opening the dashboard.")
public class ReviewQueueBench implements Callable<Integer> {

    static final String DATASET = "bench-review";
    private static final int TAGS = 4585;
    private static final int CAPTIONS = 5;
    private static final int PAIRS = 4;
    private static final double TARGET_MS = 300;

    @Option(names = "--assignments", defaultValue = "10000000", description = "Tag assignments to seed (default ${DEFAULT-VALUE}).")
    long assignments;

    @Option(names = "--flagged", defaultValue = "0.05", description = "Share of the pairs flagged (default ${DEFAULT-VALUE}).")
    double flaggedShare;

    @Option(names = "--pages", defaultValue = "200", description = "Pages to read per filter (default ${DEFAULT-VALUE}).")
    int pages;

    @Option(names = "--page-size", defaultValue = "50")
    int pageSize;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ReviewQueueBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        try (Database db = Database.open(DatabaseSettings.fromEnvironment())) {
            DataSource ds = db.dataSource();
            JdbcClient jdbc = JdbcClient.create(ds);
            int dataset = seed(ds, jdbc);
            int user = benchUser(jdbc);
            // the queue's own calls, as one annotator; no Spring, so no method security in the way
            PairReview review = new PairReview(ds, new DataSourceTransactionManager(ds));
            ReviewQueue queue = new ReviewQueue(review, jdbc, new CurrentUser(null) {
                @Override
                public int id() {
                    return user;
                }
            }, PairReview.MIN_REVIEWED);
            jdbc.sql("ANALYZE tag_assignment").update();
            jdbc.sql("ANALYZE tag_pair").update();
            short flaggedCode = AssignmentState.FLAGGED.code();
            int commonTag = jdbc.sql("SELECT tag_id FROM tag_pair WHERE dataset_id = ? AND state = " + flaggedCode + " LIMIT 1")
                    .param(dataset).query(Integer.class).single();
            long flagged = jdbc.sql("SELECT count(*) FROM tag_pair WHERE dataset_id = ? AND state = " + flaggedCode)
                    .param(dataset).query(Long.class).single();
            long flaggedRows = jdbc.sql("SELECT count(*) FROM tag_assignment WHERE dataset_id = ? AND state = " + flaggedCode)
                    .param(dataset).query(Long.class).single();
            System.out.printf(Locale.ROOT, "queue: %,d flagged pairs (%,d flagged rows) of %,d assignments in dataset %s; "
                            + "page size %d%n", flagged, flaggedRows,
                    jdbc.sql("SELECT count(*) FROM tag_assignment WHERE dataset_id = ?").param(dataset)
                            .query(Long.class).single(), DATASET, pageSize);
            record Case(String name, ReviewFilter filter, QueueOrder order) {
            }
            List<Case> cases = List.of(
                    new Case("all", ReviewFilter.ALL, QueueOrder.FLAGGED),
                    new Case("dataset", new ReviewFilter(dataset, null, null, null, null), QueueOrder.FLAGGED),
                    new Case("dataset+tag", new ReviewFilter(dataset, commonTag, null, null, null), QueueOrder.FLAGGED),
                    new Case("dataset+rule+score 0.2-0.4", new ReviewFilter(dataset, null, FlagRule.OUTLIER_REGION, 0.2f,
                            0.4f), QueueOrder.FLAGGED),
                    new Case("dataset by percentile", new ReviewFilter(dataset, null, null, null, null), QueueOrder.PERCENTILE),
                    new Case("dataset by score", new ReviewFilter(dataset, null, null, null, null), QueueOrder.SCORE));
            // one untimed round first: class loading, JIT and the pool's first connections are not query time
            queue.next(ReviewFilter.ALL, QueueOrder.FLAGGED, QueueCursor.START)
                    .ifPresent(item -> queue.release(item.entry().pairId()));
            queue.page(ReviewFilter.ALL, QueueOrder.FLAGGED, QueueCursor.START, pageSize);
            boolean allMet = true;
            for (Case c : cases) {
                allMet &= measure(queue, jdbc, c.name(), c.filter(), c.order());
            }
            System.out.println(allMet ? "target met: every open and page under " + (int) TARGET_MS + " ms"
                    : "TARGET MISSED: some open or page took " + (int) TARGET_MS + " ms or more");
            review.releaseAll(user);
            boolean dashboardMet = new DashboardBench(ds).run(DATASET, dataset);
            System.out.println(dashboardMet ? "dashboard target met: under 1 s" : "DASHBOARD TARGET MISSED: 1 s or more");
            return allMet && dashboardMet ? 0 : 1;
        }
    }

    private boolean measure(ReviewQueue queue, JdbcClient jdbc, String name, ReviewFilter filter, QueueOrder order) {
        double[] open = new double[5];
        for (int i = 0; i < open.length; i++) {
            long t0 = System.nanoTime();
            ReviewItem item = queue.next(filter, order, QueueCursor.START)
                    .orElseThrow(() -> new IllegalStateException("empty queue: " + name));
            open[i] = ms(t0);
            queue.release(item.entry().pairId());
        }
        double[] paging = new double[pages];
        QueueCursor after = QueueCursor.START;
        int read = 0;
        for (; read < pages; read++) {
            long t0 = System.nanoTime();
            List<QueueEntry> page = queue.page(filter, order, after, pageSize);
            paging[read] = ms(t0);
            if (page.isEmpty()) {
                break;
            }
            after = page.get(page.size() - 1).cursor();
        }
        paging = Arrays.copyOf(paging, Math.max(read, 1));
        // a page deep in the queue: keyset pages cost the same wherever they start
        QueueCursor middle = order == QueueOrder.FLAGGED
                ? new QueueCursor(0, jdbc.sql("SELECT max(id) / 2 FROM tag_pair").query(Long.class).single())
                : jdbc.sql("SELECT " + (order == QueueOrder.PERCENTILE ? "-50" : "0.5") + "::float8, 0::bigint")
                        .query((rs, n) -> new QueueCursor(rs.getDouble(1), rs.getLong(2))).single();
        long t0 = System.nanoTime();
        queue.page(filter, order, middle, pageSize);
        double deep = ms(t0);
        double worst = Math.max(max(paging), Math.max(max(open), deep));
        System.out.printf(Locale.ROOT,
                "%-28s open: median %6.1f ms, max %6.1f | %d pages: median %6.1f ms, p95 %6.1f, max %6.1f | deep page %6.1f ms | worst/target %.2f%n",
                name, median(open), max(open), read, median(paging), percentile(paging, 95), max(paging), deep,
                worst / TARGET_MS);
        return worst < TARGET_MS;
    }

    /** The bench dataset with its assignments, seeded by COPY unless it already has them. */
    private int seed(DataSource ds, JdbcClient jdbc) throws SQLException, IOException {
        Integer existing = jdbc.sql("SELECT id FROM dataset WHERE name = ?").param(DATASET).query(Integer.class)
                .optional().orElse(null);
        if (existing != null) {
            long have = jdbc.sql("SELECT count(*) FROM tag_assignment WHERE dataset_id = ?").param(existing)
                    .query(Long.class).single();
            if (have >= assignments) {
                System.out.printf(Locale.ROOT, "seed: reusing %,d assignments of dataset %s%n", have, DATASET);
                return existing;
            }
            jdbc.sql("DELETE FROM dataset WHERE id = ?").param(existing).update();
        }
        long t0 = System.nanoTime();
        int dataset = jdbc.sql("INSERT INTO dataset (name, image_root, format) VALUES (?, NULL, 'bench') RETURNING id")
                .param(DATASET).query(Integer.class).single();
        int[] tags = benchTags(jdbc);
        // rows per image: 1 to CAPTIONS per pair, (CAPTIONS + 1) / 2 on average
        long images = assignments / (PAIRS * (CAPTIONS + 1L) / 2) + 1;
        long firstImage;
        long firstCaption;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            copy(c, "COPY image (dataset_id, path) FROM STDIN", w -> {
                for (long i = 0; i < images; i++) {
                    w.write(dataset + "\tbench/" + i + ".jpg\n");
                }
            });
            firstImage = first(c, "SELECT min(id) FROM image WHERE dataset_id = " + dataset);
            // one COPY in one transaction: ids come in file order
            copy(c, "COPY caption (image_id, origin, text) FROM STDIN", w -> {
                for (long i = 0; i < images; i++) {
                    for (int k = 0; k < CAPTIONS; k++) {
                        w.write((firstImage + i) + "\t0\tcaption " + k + " of image " + i + "\n");
                    }
                }
            });
            firstCaption = first(c, "SELECT min(c.id) FROM caption c JOIN image i ON i.id = c.image_id WHERE i.dataset_id = "
                    + dataset);
            c.commit();
        }
        long[] written = new long[2];
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            SplittableRandom random = new SplittableRandom(42);
            StringBuilder pairs = new StringBuilder();
            copy(c, "COPY tag_assignment (image_id, dataset_id, tag_id, caption_id, source, state, flag_rule) FROM STDIN", w -> {
                for (long i = 0; i < images && written[0] < assignments; i++) {
                    long image = firstImage + i;
                    for (int p = 0; p < PAIRS; p++) {
                        // distinct tags per image: a stride through the tag list
                        int tag = tags[(int) ((i * 7 + p * 461) % tags.length)];
                        boolean flag = random.nextDouble() < flaggedShare;
                        int rule = random.nextInt(3);
                        int rows = 1 + random.nextInt(CAPTIONS);
                        for (int k = 0; k < rows; k++) {
                            w.write(image + "\t" + dataset + "\t" + tag + "\t" + (firstCaption + i * CAPTIONS + k)
                                    + "\t0\t" + (flag ? "1\t" + rule : "0\t\\N") + "\n");
                        }
                        written[0] += rows;
                        if (flag) {
                            written[1]++;
                            pairs.append(dataset).append('\t').append(image).append('\t').append(tag).append("\t1\t")
                                    .append(rule).append('\t').append(String.format(Locale.ROOT, "%.2f\t%.3f",
                                            random.nextDouble() * 100, random.nextDouble())).append('\n');
                        }
                    }
                }
            });
            copy(c, "COPY tag_pair (dataset_id, image_id, tag_id, state, flag_rule, percentile, score) FROM STDIN",
                    w -> w.write(pairs.toString()));
            c.commit();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "seed: %,d images, %,d captions, %,d assignments, %,d flagged pairs by COPY in %.1f s%n",
                images, images * CAPTIONS, written[0], written[1], s);
        return dataset;
    }

    private int[] benchTags(JdbcClient jdbc) {
        List<Integer> ids = jdbc.sql("SELECT id FROM tag WHERE name LIKE 'bench tag %' ORDER BY id").query(Integer.class).list();
        if (ids.size() < TAGS) {
            jdbc.sql("INSERT INTO tag (name) SELECT 'bench tag ' || g FROM generate_series(?, ?) g")
                    .params(ids.size(), TAGS - 1).update();
            ids = jdbc.sql("SELECT id FROM tag WHERE name LIKE 'bench tag %' ORDER BY id").query(Integer.class).list();
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int benchUser(JdbcClient jdbc) {
        return jdbc.sql("""
                        INSERT INTO app_user (username, password_hash, enabled) VALUES ('bench-annotator', '!', false)
                        ON CONFLICT (username) DO UPDATE SET enabled = false RETURNING id""")
                .query(Integer.class).single();
    }

    private static long first(Connection c, String sql) throws SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private interface Rows {
        void write(Writer w) throws IOException;
    }

    private static void copy(Connection c, String sql, Rows rows) throws SQLException, IOException {
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try (PGCopyOutputStream out = new PGCopyOutputStream(in, 1 << 20);
             Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 20)) {
            rows.write(w);
        }
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double median(double[] v) {
        return percentile(v, 50);
    }

    private static double percentile(double[] v, int p) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(0);
    }
}
