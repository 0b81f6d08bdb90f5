package io.tagforge.labelsystem.transaction;

import io.tagforge.labelsystem.transaction.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
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

    private final DataSource given;
    private final DataSource dataSource;
    private final TransactionTemplate required;
    private final TransactionTemplate requiresNew;

    public Transactions(DataSource dataSource, PlatformTransactionManager manager) {
        this.given = dataSource;
        // the transaction's connection is bound to the pool itself, not to the proxy the application hands out
        this.dataSource = dataSource instanceof TransactionAwareDataSourceProxy proxy
                ? proxy.getTargetDataSource() : dataSource;
        this.required = new TransactionTemplate(manager);
        this.requiresNew = new TransactionTemplate(manager);
        requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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
        return execute(required, what, work);
    }

    /**
     * Runs {@code work} in a transaction of its own on another connection, which commits when it returns even
     * while the caller's transaction stays open (that one is suspended meanwhile, and decides only for itself).
     */
    public <T> T runInNewTransaction(String what, Work<T> work) {
        return execute(requiresNew, what, work);
    }

    /**
     * A pooled connection outside every transaction, for session state that outlives transactions (a session
     * advisory lock, an exported snapshot): the caller owns it and closes it.
     */
    public Connection connectionOfItsOwn() throws SQLException {
        return dataSource.getConnection();
    }

    /** The data source as given: readers outside {@link #run} take their connections from it. */
    public DataSource dataSource() {
        return given;
    }

    private <T> T execute(TransactionTemplate template, String what, Work<T> work) {
        return template.execute(status -> {
            try {
                return work.run(DataSourceUtils.getConnection(dataSource));
            } catch (SQLException e) {
                throw new IllegalStateException(what + ": " + e.getMessage(), e);
            }
        });
    }
}
