package io.tagforge.engine.ingest;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.postgresql.core.BaseConnection;

/**
 * The first pass over an input: its image and label records stream into the transaction's staging table
 * with one COPY, so the reader never holds more than a buffer of the file in memory. Captions are only
 * counted here, and remembered in a Bloom filter of constant size that tells whether the file may name
 * one caption of one image twice; {@link CaptionCopy} writes them on the second pass, once their images
 * have ids.
 */
final class StagingCopy implements IngestSink, AutoCloseable {

    static final String TABLE = """
            CREATE TEMP TABLE ingest_staging (
                kind  "char" NOT NULL,   -- i: image, l: label
                line  bigint NOT NULL,
                key   text   NOT NULL,   -- what captions and labels use to name their image
                path  text,              -- image rows only
                width int, height int,
                idx   int,               -- label rows: the caption's position within its image, -1 for the image
                text  text,              -- label rows: the caption's text
                label int
            ) ON COMMIT DROP""";

    /** A false alarm costs speed, not correctness: 1 in 10^4 up to 20M captions (46 MB), more beyond. */
    private static final long MAX_EXPECTED_CAPTIONS = 20_000_000;
    private static final Funnel<String[]> KEY_AND_TEXT = (keyAndText, into) -> into
            .putString(keyAndText[0], StandardCharsets.UTF_8).putByte((byte) 0)
            .putString(keyAndText[1], StandardCharsets.UTF_8);

    private final CopyWriter copy;
    private final BloomFilter<String[]> seen;
    private boolean captionsMayRepeat;
    private long captions;
    private long labels;

    StagingCopy(BaseConnection connection, long fileBytes) throws SQLException {
        // no input format spends fewer than 16 bytes on a caption and its image
        seen = BloomFilter.create(KEY_AND_TEXT, Math.max(1_000, Math.min(MAX_EXPECTED_CAPTIONS, fileBytes / 16)), 1e-4);
        copy = new CopyWriter(connection,
                "COPY ingest_staging (kind, line, key, path, width, height, idx, text, label) FROM STDIN");
    }

    @Override
    public void image(long line, String key, String path, Integer width, Integer height) throws IOException {
        row('i', line, key, path, width, height, null, null, null);
    }

    @Override
    public void caption(long line, String key, int idx, String text) {
        captions++;
        // put() answers false when every bit was set already: maybe a repeat, never a missed one
        if (!seen.put(new String[] {key, text})) {
            captionsMayRepeat = true;
        }
    }

    @Override
    public void label(long line, String key, int idx, String captionText, int label) throws IOException {
        row('l', line, key, null, null, null, idx, captionText, label);
        labels++;
    }


    private void row(char kind, long line, String key, String path, Integer width, Integer height, Integer idx,
                     String text, Integer label) throws IOException {
        try {
            copy.field(kind).field(line).field(key).field(path).field(width).field(height).field(idx).field(text)
                    .field(label).endRow();
        } catch (SQLException e) {
            throw IngestSink.io(e);
        }
    }

    /** Ends the COPY; the staged rows are then visible to the transaction. */
    Staged finish() throws SQLException {
        copy.finish();
        return new Staged(captions, labels, captionsMayRepeat);
    }

    /** What the first pass found; {@code captionsMayRepeat} is false only when no image has a caption twice. */
    record Staged(long captions, long labels, boolean captionsMayRepeat) {
    }

    @Override
    public void close() throws SQLException {
        copy.close();
    }
}
