package io.tagforge.engine.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tagforge.engine.job.JobContext;
import io.tagforge.engine.job.JobListener;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.job.JobRunner;
import io.tagforge.engine.job.JobStore;
import io.tagforge.engine.report.StageSummary;
import io.tagforge.labelsystem.assignment.AssignmentSource;
import io.tagforge.labelsystem.transaction.Transactions;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.postgresql.core.BaseConnection;

/**
 * Ingests one input file into a dataset in a single transaction, in two streamed passes: the first checks
 * the whole file and COPYs its images (and labels) into a staging table, from which set-based SQL adds the
 * images that are not there yet; the second COPYs the captions straight into the caption table. A failure
 * at any point rolls everything back; running the same file again adds nothing.
 */
public final class Ingester {

    private static final Pattern DATASET_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final int MISSING_EXAMPLES = 10;

    private final Transactions transactions;
    private final JobRunner jobs;

    public Ingester(Transactions transactions) {
        this.transactions = transactions;
        this.jobs = new JobRunner(new JobStore(transactions));
    }

    public IngestResult ingest(IngestRequest request, JobListener listener) throws Exception {
        if (!DATASET_NAME.matcher(request.dataset()).matches()) {
            throw new IngestException("dataset name '" + request.dataset()
                    + "': use 1 to 100 letters, digits, '_', '.' or '-'");
        }
        if (!Files.isRegularFile(request.file())) {
            throw new IngestException(request.file() + ": no such file");
        }
        if (request.imagesDir() != null && !Files.isDirectory(request.imagesDir())) {
            throw new IngestException(request.imagesDir() + ": no such images folder");
        }
        List<String> missingExamples = new ArrayList<>();
        JobRecord job = jobs.runOrResume("ingest", request.params(), "cli",
                ctx -> run(request, ctx, missingExamples), listener);
        return new IngestResult(job.id(), request.dataset(), job.count("images_added"), job.count("captions_added"),
                job.count("labels_added"), job.count("images_missing"), missingExamples);
    }

    private void run(IngestRequest request, JobContext ctx, List<String> missingExamples) throws Exception {
        // a rerun starts over (the killed run's one transaction rolled back): so does its progress
        ctx.advance(-ctx.progress());
        long[] added;
        try {
            added = transactions.run("ingest", c -> ingest(c, request, ctx, missingExamples));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        // counted only once committed: a failed run reports nothing added
        ctx.count("images_added", added[0]);
        ctx.count("captions_added", added[1]);
        ctx.count("labels_added", added[2]);
        ctx.count("images_missing", added[3]);
        StageSummary.afterJob(ctx, "ingest", (int) added[4]);
    }

    /** All of the file in the transaction's connection; returns images, captions, labels, missing and dataset id. */
    private static long[] ingest(Connection c, IngestRequest request, JobContext ctx, List<String> missingExamples)
            throws SQLException {
        try (Statement st = c.createStatement()) {
            // the staging tables of a million images outgrow the default 8 MB of temp buffers many times over; a
            // session that used temporary tables before keeps its buffers (the error is caught in the block, so the
            // transaction goes on)
            st.execute("DO $$ BEGIN PERFORM set_config('temp_buffers', '512MB', false); "
                    + "EXCEPTION WHEN OTHERS THEN NULL; END $$");
            // the set-based steps sort and hash millions of staged rows: keep them in memory
            st.execute("SET LOCAL work_mem = '256MB'");
            st.execute(StagingCopy.TABLE);
        }
        try {
            StagingCopy.Staged staged = stage(request, c);
            // progress counts the captions the second pass stores; the first pass found how many there are
            ctx.total(staged.captions());
            int datasetId = dataset(c, request);
            if (request.format() == IngestFormat.COCO) {
                checkCocoReferences(c, request.file());
            }
            long images = insertImages(c, datasetId);
            long captions;
            try (CaptionCopy captionCopy = new CaptionCopy(c, request.file(), staged.captionsMayRepeat())) {
                read(request, new CaptionProgress(captionCopy, ctx));
                captions = captionCopy.finish();
            }
            long labels = staged.labels() == 0 ? 0 : insertLabels(c, request, datasetId);
            long missing = markMissingImages(c, request, datasetId, missingExamples);
            if (missing > 0 && request.strict()) {
                throw new IngestException(missing + " image files missing under " + request.imagesDir()
                        + " (strict ingest), e.g. " + String.join(", ", missingExamples));
            }
            return new long[] {images, captions, labels, missing, datasetId};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first pass: checks the whole file and stages its images and labels. */
    private static StagingCopy.Staged stage(IngestRequest request, Connection c) throws IOException, SQLException {
        StagingCopy.Staged staged;
        try (StagingCopy copy = new StagingCopy(c.unwrap(BaseConnection.class), Files.size(request.file()))) {
            read(request, copy);
            staged = copy.finish();
            if (staged.captions() == 0) {
                throw new IngestException(request.file().getFileName() + ": no captions found");
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("ANALYZE ingest_staging");
        }
        return staged;
    }

    private static void read(IngestRequest request, IngestSink sink) throws IOException {
        try (InputStream in = Files.newInputStream(request.file())) {
            request.format().source().read(request.file(), new BufferedInputStream(in, 1 << 16), sink,
                    new ImagePaths(request.imagesDir()));
        } catch (NoSuchFileException e) {
            throw new IngestException(request.file() + ": no such file");
        } catch (JsonProcessingException e) {
            // Jackson reports some errors lazily (a string's bytes are decoded when read): same form as ours
            throw JsonRecords.error(request.file(), e);
        }
    }

    private static int dataset(Connection c, IngestRequest request) throws SQLException {
        String root = request.imagesDir() == null ? null : request.imagesDir().toString();
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT INTO dataset (name, image_root, format) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING");
             PreparedStatement sel = c.prepareStatement("SELECT id, image_root, format FROM dataset WHERE name = ?")) {
            ins.setString(1, request.dataset());
            ins.setString(2, root);
            ins.setString(3, request.format().id());
            ins.executeUpdate();
            sel.setString(1, request.dataset());
            try (ResultSet rs = sel.executeQuery()) {
                rs.next();
                String existingRoot = rs.getString(2);
                String existingFormat = rs.getString(3);
                if (!existingFormat.equals(request.format().id())) {
                    throw new IngestException("dataset " + request.dataset() + " holds " + existingFormat
                            + " input, not " + request.format().id() + ": choose another dataset name");
                }
                if (existingRoot != null && root != null && !existingRoot.equals(root)) {
                    throw new IngestException("dataset " + request.dataset() + " has its images under " + existingRoot
                            + ", not " + root);
                }
                return rs.getInt(1);
            }
        }
    }

    /** COCO names images by id: ids and files must pair one to one (CaptionCopy rejects unknown ids). */
    private static void checkCocoReferences(Connection c, Path file) throws SQLException {
        rejectFirst(c, file, "id", id -> "image id " + id + " is given to more than one file", """
                SELECT min(line), key FROM ingest_staging WHERE kind = 'i'
                 GROUP BY key HAVING count(DISTINCT path) > 1 ORDER BY 1 LIMIT 1""");
        rejectFirst(c, file, "file_name", path -> path + " is given more than one image id", """
                SELECT min(line), path FROM ingest_staging WHERE kind = 'i'
                 GROUP BY path HAVING count(DISTINCT key) > 1 ORDER BY 1 LIMIT 1""");
    }

    /** Fails with the first (line, value) row {@code sql} finds, if any. */
    private static void rejectFirst(Connection c, Path file, String field, Function<String, String> problem, String sql)
            throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (rs.next()) {
                throw new IngestException(file, rs.getLong(1), field, problem.apply(rs.getString(2)));
            }
        }
    }

    /** Adds the images not in the dataset yet; ingest_image then maps every image key of the file to its id. */
    private static long insertImages(Connection c, int datasetId) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(CaptionCopy.IMAGE_TABLE);
        }
        boolean hadImages = count(c, "SELECT count(*) FROM (SELECT FROM image WHERE dataset_id = ? LIMIT 1) x", datasetId) > 0;
        // in the order the file names them, so the captions that follow in file order go in by ascending image id
        long added = update(c, """
                WITH described AS (
                    SELECT DISTINCT ON (path) path, nullif(key, path) external_id, width, height, line
                      FROM ingest_staging WHERE kind = 'i' ORDER BY path, line),
                added AS (
                    INSERT INTO image (dataset_id, path, external_id, width, height)
                    SELECT ?, path, external_id, width, height FROM described n %s ORDER BY line
                    RETURNING id, path, coalesce(external_id, path) AS key)
                INSERT INTO ingest_image SELECT a.key, a.id, true, d.line FROM added a JOIN described d USING (path)"""
                .formatted(hadImages ? "WHERE NOT EXISTS (SELECT 1 FROM image e WHERE e.dataset_id = " + datasetId
                        + " AND e.path = n.path)" : ""), datasetId);
        if (hadImages) {
            update(c, """
                    INSERT INTO ingest_image
                    SELECT DISTINCT ON (s.key) s.key, im.id, false, s.line FROM ingest_staging s
                      JOIN image im ON im.dataset_id = ? AND im.path = s.path
                     WHERE s.kind = 'i' AND NOT EXISTS (SELECT 1 FROM ingest_image n WHERE n.key = s.key)
                     ORDER BY s.key, s.line""", datasetId);
        }
        try (Statement st = c.createStatement()) {
            // built once the rows are in: sorted builds, not a million index insertions each
            st.execute("ALTER TABLE ingest_image ADD PRIMARY KEY (key)");
            st.execute("CREATE INDEX ON ingest_image (line)");
            st.execute("ANALYZE ingest_image");
        }
        return added;
    }

    private static long count(Connection c, String sql, Object arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** RAM JSON label ids become tag assignments through a release's ID space: parsed per caption, the rest MODEL. */
    private static long insertLabels(Connection c, IngestRequest request, int datasetId) throws SQLException {
        if (request.release() == null) {
            throw new IngestException(request.file().getFileName() + " carries label ids: name the release whose "
                    + "tag list they index (or strip union_label_id and parse_label_id)");
        }
        int releaseId;
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM release WHERE name = ?")) {
            ps.setString(1, request.release());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IngestException("no release named " + request.release());
                }
                releaseId = rs.getInt(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT line, label FROM ingest_staging s WHERE kind = 'l' AND NOT EXISTS
                  (SELECT 1 FROM release_tag r WHERE r.release_id = ? AND r.idx = s.label) ORDER BY line LIMIT 1""")) {
            ps.setInt(1, releaseId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    throw new IngestException(request.file(), rs.getLong(1), "label id",
                            rs.getInt(2) + " is not an index of release " + request.release());
                }
            }
        }
        return update(c, """
                INSERT INTO tag_assignment (image_id, dataset_id, tag_id, caption_id, source)
                SELECT DISTINCT i.id, i.dataset_id, r.tag_id, cap.id, %d
                  FROM ingest_staging l
                  JOIN image i ON i.dataset_id = ? AND i.path = l.key
                  JOIN caption cap ON cap.image_id = i.id AND cap.origin = 0 AND md5(cap.text) = md5(l.text)
                  JOIN release_tag r ON r.release_id = ? AND r.idx = l.label
                 WHERE l.kind = 'l' AND l.idx >= 0
                ON CONFLICT (image_id, tag_id, source, coalesce(caption_id, 0)) DO NOTHING"""
                .formatted(AssignmentSource.PARSED_ORIGINAL.code()), datasetId, releaseId)
                + update(c, """
                INSERT INTO tag_assignment (image_id, dataset_id, tag_id, source)
                SELECT DISTINCT i.id, i.dataset_id, r.tag_id, %d
                  FROM ingest_staging l
                  JOIN image i ON i.dataset_id = ? AND i.path = l.key
                  JOIN release_tag r ON r.release_id = ? AND r.idx = l.label
                 WHERE l.kind = 'l' AND l.idx = -1 AND NOT EXISTS (SELECT 1 FROM ingest_staging p
                        WHERE p.kind = 'l' AND p.idx >= 0 AND p.key = l.key AND p.label = l.label)
                ON CONFLICT (image_id, tag_id, source, coalesce(caption_id, 0)) DO NOTHING"""
                .formatted(AssignmentSource.MODEL.code()), datasetId, releaseId);
    }

    /** Marks the dataset's local image files that are not there; URLs are not fetched. */
    private static long markMissingImages(Connection c, IngestRequest request, int datasetId,
                                          List<String> examples) throws SQLException {
        if (request.imagesDir() == null) {
            return 0;
        }
        List<Long> missing = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, path FROM image WHERE dataset_id = ? ORDER BY id")) {
            ps.setFetchSize(10_000);
            ps.setInt(1, datasetId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String path = rs.getString(2);
                    if (!ImagePaths.isUrl(path) && !Files.isRegularFile(request.imagesDir().resolve(path))) {
                        missing.add(rs.getLong(1));
                        if (examples.size() < MISSING_EXAMPLES) {
                            examples.add(path);
                        }
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE image SET missing = (id = ANY (?)) WHERE dataset_id = ? AND missing <> (id = ANY (?))")) {
            var ids = c.createArrayOf("bigint", missing.toArray());
            ps.setArray(1, ids);
            ps.setInt(2, datasetId);
            ps.setArray(3, ids);
            ps.executeUpdate();
        }
        return missing.size();
    }

    private static long update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeLargeUpdate();
        }
    }

    /** The second pass's sink, advancing the job by one per caption it stores. */
    private record CaptionProgress(IngestSink captions, JobContext ctx) implements IngestSink {

        @Override
        public void image(long line, String key, String path, Integer width, Integer height) throws IOException {
            captions.image(line, key, path, width, height);
        }

        @Override
        public void caption(long line, String key, int idx, String text) throws IOException {
            captions.caption(line, key, idx, text);
            ctx.advance(1);
        }

        @Override
        public void label(long line, String key, int idx, String captionText, int label) throws IOException {
            captions.label(line, key, idx, captionText, label);
        }
    }
}
