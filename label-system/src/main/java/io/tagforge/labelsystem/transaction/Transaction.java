package io.tagforge.labelsystem.transaction;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Runs work on one connection in one transaction: all of it commits, or none of it on any exception. */
public final class Transaction {

    /** work that needs a connection */
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private Transaction() {
    }

    /** Runs {@code work}; a database error becomes an IllegalStateException starting with {@code what}. */
    public static <T> T run(DataSource dataSource, String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(what + ": " + e.getMessage(), e);
        }
    }
}
