package io.tagforge.engine.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * Streams parsed input rows into the transaction's staging table with one COPY, so the reader never holds
 * more than a buffer of the file in memory.
 */
final class StagingCopy implements AutoCloseable {

    static final String TABLE = """
            CREATE TEMP TABLE ingest_staging (
                kind  "char" NOT NULL,   -- i: image, c: caption, l: label
                line  bigint NOT NULL,
                key   text   NOT NULL,   -- what captions and labels use to name their image
                path  text,              -- image rows only
                width int, height int,
                idx   int,               -- caption position within its image (RAM JSON), -1 for union labels
                text  text,
                label int
            ) ON COMMIT DROP""";

    private final CopyIn copy;
    private final Out out = new Out();
    private final byte[] buffer = new byte[1 << 16];
    private int used;
    private long rows;
    private long labels;

    StagingCopy(BaseConnection connection) throws SQLException {
        copy = new CopyManager(connection).copyIn(
                "COPY ingest_staging (kind, line, key, path, width, height, idx, text, label) FROM STDIN");
    }

    void image(long line, String key, String path, Integer width, Integer height) throws IOException {
        row('i', line, key, path, width, height, null, null, null);
    }

    void caption(long line, String key, int idx, String text) throws IOException {
        row('c', line, key, null, null, null, idx, text, null);
    }

    void label(long line, String key, int captionIdx, int label) throws IOException {
        row('l', line, key, null, null, null, captionIdx, null, label);
        labels++;
    }

    long labels() {
        return labels;
    }

    private void row(char kind, long line, String key, String path, Integer width, Integer height, Integer idx,
                     String text, Integer label) throws IOException {
        out.write(kind);
        field(Long.toString(line));
        field(key);
        field(path);
        field(width);
        field(height);
        field(idx);
        field(text);
        field(label);
        out.write('\n');
        rows++;
    }

    private void field(Object value) throws IOException {
        out.write('\t');
        if (value == null) {
            out.write('\\');
            out.write('N');
            return;
        }
        String s = value.toString();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> { out.write('\\'); out.write('\\'); }
                case '\t' -> { out.write('\\'); out.write('t'); }
                case '\n' -> { out.write('\\'); out.write('n'); }
                case '\r' -> { out.write('\\'); out.write('r'); }
                case '\0' -> { } // PostgreSQL text cannot hold NUL; it carries no meaning in a caption or path
                default -> {
                    if (ch < 0x80) {
                        out.write(ch);
                    } else {
                        int end = i + 1;
                        while (end < s.length() && s.charAt(end) >= 0x80) {
                            end++;
                        }
                        out.write(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
                        i = end - 1;
                    }
                }
            }
        }
    }

    /** Ends the COPY; the staged rows are then visible to the transaction. */
    long finish() throws SQLException {
        drain();
        return copy.endCopy();
    }

    private void drain() throws SQLException {
        if (used > 0) {
            copy.writeToCopy(buffer, 0, used);
            used = 0;
        }
    }

    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }

    /** A byte sink over the COPY buffer. */
    private final class Out extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            if (used == buffer.length) {
                flushUnchecked();
            }
            buffer[used++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int i = 0; i < len; i++) {
                write(b[off + i]);
            }
        }

        private void flushUnchecked() throws IOException {
            try {
                drain();
            } catch (SQLException e) {
                throw new IOException("COPY into the staging table failed: " + e.getMessage(), e);
            }
        }
    }
}
