package io.tagforge.engine.export;

import io.tagforge.labelsystem.transaction.Transactions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Several connections reading one and the same database state (PostgreSQL's exported snapshots): the export's
 * parallel streams then agree even while reviewers keep deciding.
 */
final class Snapshot implements AutoCloseable {

    private final List<Connection> connections = new ArrayList<>();

    private Snapshot() {
    }

    static Snapshot open(Transactions transactions, int count) throws SQLException {
        Snapshot snapshot = new Snapshot();
        try {
            String id = null;
            for (int i = 0; i < count; i++) {
                // each reader needs a connection and a transaction of its own to import the snapshot into
                Connection c = transactions.connectionOfItsOwn();
                snapshot.connections.add(c);
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                c.setReadOnly(true);
                try (Statement st = c.createStatement()) {
                    if (id == null) {
                        try (ResultSet rs = st.executeQuery("SELECT pg_export_snapshot()")) {
                            rs.next();
                            id = rs.getString(1);
                        }
                    } else {
                        st.execute("SET TRANSACTION SNAPSHOT '" + id.replace("'", "") + "'");
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            snapshot.close();
            throw e;
        }
        return snapshot;
    }

    Connection connection(int i) {
        return connections.get(i);
    }

    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (Connection c : connections) {
            try (c) {
                c.rollback();
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        connections.clear();
        if (first != null) {
            throw first;
        }
    }
}
