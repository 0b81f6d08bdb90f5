package io.tagforge.engine.export;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Rows of a {@code COPY (SELECT ...) TO STDOUT} in text format, pulled one at a time: the server streams, the
 * client holds one row, so a query over 10^8 rows runs in constant memory and at COPY's speed.
 */
final class CopyRows implements AutoCloseable {

    private final CopyOut copy;
    private byte[] row;
    private int[] starts = new int[8];
    private int[] ends = new int[8];
    private int fields;
    private byte[] text = new byte[256];

    CopyRows(Connection connection, String selectSql) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyOut("COPY (" + selectSql + ") TO STDOUT");
    }

    /** Moves to the next row; false at the end. */
    boolean next() throws SQLException {
        row = copy.readFromCopy();
        if (row == null) {
            return false;
        }
        int end = row.length > 0 && row[row.length - 1] == '\n' ? row.length - 1 : row.length;
        fields = 0;
        int start = 0;
        for (int i = 0; i <= end; i++) {
            if (i == end || row[i] == '\t') {
                if (fields == starts.length) {
                    starts = java.util.Arrays.copyOf(starts, fields * 2);
                    ends = java.util.Arrays.copyOf(ends, fields * 2);
                }
                starts[fields] = start;
                ends[fields++] = i;
                start = i + 1;
            }
        }
        return true;
    }

    boolean isNull(int field) {
        return ends[field] - starts[field] == 2 && row[starts[field]] == '\\' && row[starts[field] + 1] == 'N';
    }

    long getLong(int field) {
        int i = starts[field];
        boolean negative = row[i] == '-';
        if (negative) {
            i++;
        }
        long v = 0;
        for (; i < ends[field]; i++) {
            v = v * 10 + (row[i] - '0');
        }
        return negative ? -v : v;
    }

    int getInt(int field) {
        return (int) getLong(field);
    }

    /** The field's text, with COPY's backslash escapes undone. */
    String getString(int field) {
        int n = 0;
        if (text.length < ends[field] - starts[field]) {
            text = new byte[ends[field] - starts[field]];
        }
        for (int i = starts[field]; i < ends[field]; i++) {
            byte b = row[i];
            if (b == '\\' && i + 1 < ends[field]) {
                b = switch (row[++i]) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'v' -> 0x0b;
                    default -> row[i];
                };
            }
            text[n++] = b;
        }
        return new String(text, 0, n, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }
}
