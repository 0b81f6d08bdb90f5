package io.tagforge.engine.bench;

import io.tagforge.labelsystem.assignment.AssignmentSource;
import io.tagforge.labelsystem.assignment.AssignmentState;
import io.tagforge.labelsystem.assignment.FlagRule;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The export benchmark's synthetic dataset: per image 5 captions and 10 tags of a 1000-tag release (6 parsed from
 * captions, 3 from the model, 1 manual; some flagged or rejected), written with COPY in chunks. The dataset row
 * says {@code bench-seeding} until the last row is in, so an interrupted seed is redone, not reused.
 */
final class BenchSeed {

    static final String RELEASE = "bench-export";
    static final int CAPTIONS = 5;
    static final int TAGS = 10;
    private static final int RELEASE_SIZE = 1000;
    private static final int CHUNK = 20_000;

    private final DataSource db;
    private final String dataset;
    private final int images;
    private int datasetId;

    BenchSeed(DataSource db, String dataset, int images) {
        this.db = db;
        this.dataset = dataset;
        this.images = images;
    }

    int datasetId() {
        return datasetId;
    }

    /** Seeds unless a complete seed of this size is there; true when it seeded. */
    boolean seedIfMissing() throws SQLException {
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            int[] tagIds = ensureRelease(st);
            try (ResultSet rs = st.executeQuery("SELECT id, format FROM dataset WHERE name = '" + dataset + "'")) {
                if (rs.next()) {
                    if (rs.getString(2).equals("bench")) {
                        datasetId = rs.getInt(1);
                        return false;
                    }
                    st.execute("DELETE FROM dataset WHERE id = " + rs.getInt(1));
                }
            }
            try (ResultSet rs = st.executeQuery("INSERT INTO dataset (name, format) VALUES ('" + dataset
                    + "', 'bench-seeding') RETURNING id")) {
                rs.next();
                datasetId = rs.getInt(1);
            }
            boolean triggersOff = skipForeignKeyChecks(st);
            try {
                copy(c, tagIds, nextId(st, "image"), nextId(st, "caption"));
            } finally {
                if (triggersOff) {
                    st.execute("RESET session_replication_role");
                }
            }
            st.execute("SELECT setval(pg_get_serial_sequence('image', 'id'), (SELECT max(id) FROM image))");
            st.execute("SELECT setval(pg_get_serial_sequence('caption', 'id'), (SELECT max(id) FROM caption))");
            st.execute("ANALYZE image");
            st.execute("ANALYZE caption");
            st.execute("ANALYZE tag_assignment");
            st.execute("UPDATE dataset SET format = 'bench' WHERE id = " + datasetId);
            return true;
        }
    }

    /**
     * The rows are consistent by construction; checking 40M foreign keys one by one would make seeding, not the
     * export, the benchmark. Needs a superuser (the embedded server's); elsewhere the checks just run.
     */
    private static boolean skipForeignKeyChecks(Statement st) {
        try {
            st.execute("SET session_replication_role = replica");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static int[] ensureRelease(Statement st) throws SQLException {
        st.execute("INSERT INTO tag (name) SELECT 'bench tag ' || g FROM generate_series(0, " + (RELEASE_SIZE - 1)
                + ") g WHERE NOT EXISTS (SELECT 1 FROM release WHERE name = '" + RELEASE + "')");
        st.execute("WITH r AS (INSERT INTO release (name, notes) VALUES ('" + RELEASE + "', 'bench export') "
                + "ON CONFLICT (name) DO NOTHING RETURNING id) "
                + "INSERT INTO release_tag (release_id, idx, tag_id, name, threshold) "
                + "SELECT r.id, substring(t.name from 11)::int, t.id, t.name, t.threshold FROM r, tag t "
                + "WHERE t.name LIKE 'bench tag %' AND NOT t.deprecated");
        int[] tagIds = new int[RELEASE_SIZE];
        try (ResultSet rs = st.executeQuery("SELECT rt.idx, rt.tag_id FROM release_tag rt JOIN release r "
                + "ON r.id = rt.release_id WHERE r.name = '" + RELEASE + "'")) {
            while (rs.next()) {
                tagIds[rs.getInt(1)] = rs.getInt(2);
            }
        }
        return tagIds;
    }

    private static long nextId(Statement st, String table) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT coalesce(max(id), 0) + 1 FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void copy(Connection c, int[] tagIds, long firstImage, long firstCaption) throws SQLException {
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("seed").setUnit(" img", 1).setInitialMax(images)
                .showSpeed().setStyle(ProgressBarStyle.ASCII).build()) {
            for (int from = 0; from < images; from += CHUNK) {
                int to = Math.min(images, from + CHUNK);
                StringBuilder imageRows = new StringBuilder();
                StringBuilder captionRows = new StringBuilder();
                StringBuilder assignmentRows = new StringBuilder();
                for (int i = from; i < to; i++) {
                    long imageId = firstImage + i;
                    imageRows.append(imageId).append('\t').append(datasetId).append('\t')
                            .append(String.format("bench/%08d.jpg", i)).append('\n');
                    long captionId = firstCaption + (long) i * CAPTIONS;
                    for (int k = 0; k < CAPTIONS; k++) {
                        captionRows.append(captionId + k).append('\t').append(imageId).append("\t0\t")
                                .append("synthetic caption ").append(k).append(" of image ").append(i)
                                .append(": a dog and a cat on a couch\n");
                    }
                    for (int j = 0; j < TAGS; j++) {
                        assignment(assignmentRows, imageId, tagIds[(i * 7 + j * 101) % RELEASE_SIZE], i, j,
                                captionId + j % CAPTIONS);
                    }
                }
                in(copy, "COPY image (id, dataset_id, path) FROM STDIN", imageRows);
                in(copy, "COPY caption (id, image_id, origin, text) FROM STDIN", captionRows);
                in(copy, "COPY tag_assignment (image_id, dataset_id, tag_id, caption_id, source, state, flag_rule, "
                        + "score) FROM STDIN", assignmentRows);
                bar.stepTo(to);
            }
        }
    }

    /** Tags 0-5 parsed from a caption, 6-8 from the model (every tenth image's 8th flagged), 9 manual. */
    private void assignment(StringBuilder rows, long imageId, int tagId, int image, int j, long captionId) {
        rows.append(imageId).append('\t').append(datasetId).append('\t').append(tagId).append('\t');
        if (j < 6) {
            AssignmentState state = j == 1 && image % 20 == 0 ? AssignmentState.REJECTED : AssignmentState.ACTIVE;
            rows.append(captionId).append('\t').append(AssignmentSource.PARSED_ORIGINAL.code()).append('\t')
                    .append(state.code()).append("\t\\N\t\\N\n");
        } else if (j < 9) {
            boolean flagged = j == 8 && image % 10 == 0;
            rows.append("\\N\t").append(AssignmentSource.MODEL.code()).append('\t').append(flagged
                    ? AssignmentState.FLAGGED.code() + "\t" + FlagRule.LOW_SCORE.code()
                    : AssignmentState.ACTIVE.code() + "\t\\N").append("\t0.8\n");
        } else {
            rows.append("\\N\t").append(AssignmentSource.MANUAL.code()).append('\t')
                    .append(AssignmentState.ACCEPTED.code()).append("\t\\N\t\\N\n");
        }
    }

    private static void in(CopyManager copy, String sql, StringBuilder rows) throws SQLException {
        try {
            copy.copyIn(sql, new java.io.ByteArrayInputStream(rows.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (java.io.IOException e) {
            throw new SQLException("COPY failed: " + e.getMessage(), e);
        }
    }
}
