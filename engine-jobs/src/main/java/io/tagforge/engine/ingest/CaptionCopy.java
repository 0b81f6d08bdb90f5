package io.tagforge.engine.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.postgresql.core.BaseConnection;

/**
 * The second pass over an input: captions go straight into the caption table by COPY, in file order (the
 * caption id is an image's caption order), a batch at a time. Each batch looks its images' ids up in
 * ingest_image, which the image insert filled with key, id and whether this run added the image. One
 * batch is written on a second thread while the reader fills the next, so parsing and the database overlap;
 * only that thread uses the connection until {@link #finish} or {@link #close} returns.
 */
final class CaptionCopy implements IngestSink, AutoCloseable {

    static final String IMAGE_TABLE =
            "CREATE TEMP TABLE ingest_image (key text NOT NULL, id bigint NOT NULL, fresh boolean NOT NULL, line bigint NOT NULL)"
            + " ON COMMIT DROP";
    private static final int BATCH = 50_000;

    private final Connection connection;
    private final Path file;
    private final boolean captionsMayRepeat;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ingest-caption-copy");
        t.setDaemon(true);
        return t;
    });
    private Batch filling = new Batch();
    private Batch spare = new Batch();
    private Future<Long> writing;
    private long added;

    CaptionCopy(Connection connection, Path file, boolean captionsMayRepeat) throws SQLException {
        this.connection = connection;
        this.file = file;
        this.captionsMayRepeat = captionsMayRepeat;
        try (Statement st = connection.createStatement()) {
            // a batch names thousands of keys: priced as random reads, one scan of all images looks cheaper,
            // but every batch would scan them all again
            st.execute("SET LOCAL enable_seqscan = off");
            st.execute("CREATE TEMP TABLE ingest_caption_batch "
                    + "(ord bigint GENERATED ALWAYS AS IDENTITY, image_id bigint, origin smallint, text text) ON COMMIT DROP");
        }
    }

    @Override
    public void image(long line, String key, String path, Integer width, Integer height) {
    }

    @Override
    public void caption(long line, String key, int idx, String text) throws IOException {
        if (filling.add(line, key, text)) {
            try {
                hand();
            } catch (SQLException e) {
                throw IngestSink.io(e);
            }
        }
    }

    @Override
    public void label(long line, String key, int idx, String captionText, int label) {
    }

    /** Writes the last batch; returns how many captions the pass added. */
    long finish() throws SQLException {
        hand();
        awaitWriting();
        try (Statement st = connection.createStatement()) {
            st.execute("RESET enable_seqscan");
        }
        return added;
    }

    /** Hands the full batch to the writer once it has written the one before, and takes that one to fill. */
    private void hand() throws SQLException {
        if (filling.size == 0) {
            return;
        }
        awaitWriting();
        Batch full = filling;
        filling = spare;
        spare = full;
        writing = writer.submit(() -> write(full));
    }

    private void awaitWriting() throws SQLException {
        if (writing == null) {
            return;
        }
        try {
            added += writing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while writing captions", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new SQLException(e.getCause());
        } finally {
            writing = null;
        }
    }

    private long write(Batch batch) throws SQLException {
        // images new in this run have no captions yet and, unless the file names one twice, nothing can conflict
        long written = resolveImageIds(batch) && !captionsMayRepeat ? copy(batch, "caption") : insertNew(batch);
        batch.size = 0;
        return written;
    }

    /** Inserts the batch's captions that their images do not have yet, in file order. */
    private long insertNew(Batch batch) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("TRUNCATE ingest_caption_batch");
            copy(batch, "ingest_caption_batch");
            return st.executeLargeUpdate("""
                    INSERT INTO caption (image_id, origin, text)
                    SELECT image_id, origin, text FROM ingest_caption_batch ORDER BY ord
                    ON CONFLICT (image_id, origin, md5(text)) DO NOTHING""");
        }
    }

    /** Fills the batch's image ids; returns whether every image of the batch is new in this run. */
    private boolean resolveImageIds(Batch batch) throws SQLException {
        Map<String, Long> ids = new HashMap<>(batch.size * 2);
        // most images are first named within the batch that holds their captions (TSV, RAM JSON): one range read
        boolean allFresh = lookUp(ids, "SELECT key, id, fresh FROM ingest_image WHERE line BETWEEN ? AND ?",
                batch.lines[0], batch.lines[batch.size - 1]);
        Set<String> others = new LinkedHashSet<>();
        for (int i = 0; i < batch.size; i++) {
            if (!ids.containsKey(batch.keys[i])) {
                others.add(batch.keys[i]);
            }
        }
        if (!others.isEmpty()) {
            allFresh &= lookUp(ids, "SELECT key, id, fresh FROM ingest_image WHERE key = ANY (?)",
                    connection.createArrayOf("text", others.toArray()));
        }
        for (int i = 0; i < batch.size; i++) {
            Long id = ids.get(batch.keys[i]);
            if (id == null) {
                throw new IngestException(file, batch.lines[i], "image_id", "unknown image id " + batch.keys[i]);
            }
            batch.imageIds[i] = id;
        }
        return allFresh;
    }

    /** Adds the (key, id) rows of {@code sql} to {@code ids}; returns whether all of them are new images. */
    private boolean lookUp(Map<String, Long> ids, String sql, Object... args) throws SQLException {
        boolean allFresh = true;
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getString(1), rs.getLong(2));
                    allFresh &= rs.getBoolean(3);
                }
            }
        }
        return allFresh;
    }

    /** COPYs the batch, in file order, as original captions into {@code table}. */
    private long copy(Batch batch, String table) throws SQLException {
        try (CopyWriter copy = new CopyWriter(connection.unwrap(BaseConnection.class),
                "COPY " + table + " (image_id, origin, text) FROM STDIN")) {
            for (int i = 0; i < batch.size; i++) {
                copy.field(batch.imageIds[i]).field(0).field(batch.texts[i]).endRow();
            }
            return copy.finish();
        }
    }

    /** Waits for a batch still being written, so the connection is free for the rollback that follows a failure. */
    @Override
    public void close() {
        if (writing != null) {
            try {
                writing.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // the failure that brought us here is already on its way up
            }
        }
        writer.shutdownNow();
    }

    private static final class Batch {
        final long[] lines = new long[BATCH];
        final String[] keys = new String[BATCH];
        final String[] texts = new String[BATCH];
        final long[] imageIds = new long[BATCH];
        int size;

        /** Returns whether the batch is full. */
        boolean add(long line, String key, String text) {
            lines[size] = line;
            keys[size] = key;
            texts[size] = text;
            return ++size == BATCH;
        }
    }
}
