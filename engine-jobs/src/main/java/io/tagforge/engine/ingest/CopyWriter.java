package io.tagforge.engine.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/** One COPY ... FROM STDIN in PostgreSQL's text format, written field by field through a 64 KB buffer. */
final class CopyWriter implements AutoCloseable {

    private final CopyIn copy;
    private final byte[] buffer = new byte[1 << 16];
    private int used;
    private boolean rowStarted;

    CopyWriter(BaseConnection connection, String sql) throws SQLException {
        copy = new CopyManager(connection).copyIn(sql);
    }

    /** Appends one field of the current row; null is SQL NULL. */
    CopyWriter field(Object value) throws SQLException {
        if (rowStarted) {
            put('\t');
        }
        rowStarted = true;
        if (value == null) {
            put('\\');
            put('N');
            return this;
        }
        String s = value.toString();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> { put('\\'); put('\\'); }
                case '\t' -> { put('\\'); put('t'); }
                case '\n' -> { put('\\'); put('n'); }
                case '\r' -> { put('\\'); put('r'); }
                case '\0' -> { } // PostgreSQL text cannot hold NUL; it carries no meaning in a caption or path
                default -> {
                    if (ch < 0x80) {
                        put(ch);
                    } else {
                        int end = i + 1;
                        while (end < s.length() && s.charAt(end) >= 0x80) {
                            end++;
                        }
                        for (byte b : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                            put(b);
                        }
                        i = end - 1;
                    }
                }
            }
        }
        return this;
    }

    void endRow() throws SQLException {
        put('\n');
        rowStarted = false;
    }

    /** Ends the COPY; returns the rows it wrote. */
    long finish() throws SQLException {
        drain();
        return copy.endCopy();
    }

    private void put(int b) throws SQLException {
        if (used == buffer.length) {
            drain();
        }
        buffer[used++] = (byte) b;
    }

    private void drain() throws SQLException {
        if (used > 0) {
            copy.writeToCopy(buffer, 0, used);
            used = 0;
        }
    }

    /** Cancels a COPY that did not finish, so the connection can roll back. */
    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }
}
