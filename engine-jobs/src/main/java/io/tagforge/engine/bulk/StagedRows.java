package io.tagforge.engine.bulk;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * Rows for one COPY into a temporary staging table of the current transaction, from which plain SQL moves
 * them into the real tables (joins, {@code ON CONFLICT DO NOTHING}): bulk writes without per-row statements.
 */
public final class StagedRows {

    private final String table;
    private final String columns;
    private final List<Object[]> rows = new ArrayList<>();

    /**
     * @param table   the temporary table's name
     * @param columns its column definitions, e.g. {@code "image_id bigint, tag_id int"}
     */
    public StagedRows(String table, String columns) {
        this.table = table;
        this.columns = columns;
    }

    /** Adds a row: Long, Integer, Short, Float, Double, String, byte[] (bytea) or null. */
    public void add(Object... values) {
        rows.add(values);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public int size() {
        return rows.size();
    }

    /**
     * Creates the staging table (dropped at commit) and copies the rows into it; a previous one of the same name
     * in the transaction is dropped first, so one transaction can write several batches (a Spark partition's).
     */
    public void copy(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("DROP TABLE IF EXISTS pg_temp." + table);
            s.execute("CREATE TEMP TABLE " + table + " (" + columns + ") ON COMMIT DROP");
        }
        StringBuilder text = new StringBuilder();
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                text.append(i == 0 ? "" : "\t");
                field(text, row[i]);
            }
            text.append('\n');
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + table + " FROM STDIN", new StringReader(text.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY into " + table + " failed", e);
        }
    }

    private static void field(StringBuilder out, Object value) {
        if (value == null) {
            out.append("\\N");
        } else if (value instanceof byte[] bytes) {
            out.append("\\\\x").append(HexFormat.of().formatHex(bytes));
        } else {
            String s = value.toString();
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                switch (ch) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(ch);
                }
            }
        }
    }
}
