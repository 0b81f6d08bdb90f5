package io.tagforge.engine.app;

import io.tagforge.labelsystem.database.Database;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The database's DataSource, opening (and migrating) the database when a connection is first asked for:
 * picocli builds every command that has a {@code @Spec} when it builds the command tree, and a command that
 * needs no database must not start one.
 */
final class DatabaseOnFirstUse extends DelegatingDataSource {

    private final ObjectProvider<Database> database;

    DatabaseOnFirstUse(ObjectProvider<Database> database) {
        this.database = database;
    }

    @Override
    public DataSource getTargetDataSource() {
        return database.getObject().dataSource();
    }
}
