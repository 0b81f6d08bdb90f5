package io.tagforge.labelsystem.transaction;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs JDBC work in the caller's transaction when there is one, else in a new one of the same transaction
 * manager (PROPAGATION_REQUIRED): a UI method's {@code @Transactional}, a test's outer transaction and
 * {@code Curation}'s own writes are one transaction on one connection, so COPY through that connection
 * commits or rolls back with everything else.
 */
public final class Transactions {

    /** work that needs the transaction's connection */
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;
    private final TransactionTemplate required;

    public Transactions(DataSource dataSource, PlatformTransactionManager manager) {
        // the transaction's connection is bound to the pool itself, not to the proxy the application hands out
        this.dataSource = dataSource instanceof TransactionAwareDataSourceProxy proxy
                ? proxy.getTargetDataSource() : dataSource;
        this.required = new TransactionTemplate(manager);
    }

    /** Outside an application context (tests, benchmarks): a transaction manager of the data source's own. */
    public static Transactions over(DataSource dataSource) {
        return new Transactions(dataSource, new DataSourceTransactionManager(dataSource));
    }

    /**
     * Runs {@code work}: all of it commits, or none of it on any exception; when it joined an outer transaction,
     * the outer one decides. A database error becomes an IllegalStateException starting with {@code what}.
     */
    public <T> T run(String what, Work<T> work) {
        return required.execute(status -> {
            try {
                return work.run(DataSourceUtils.getConnection(dataSource));
            } catch (SQLException e) {
                throw new IllegalStateException(what + ": " + e.getMessage(), e);
            }
        });
    }
}
