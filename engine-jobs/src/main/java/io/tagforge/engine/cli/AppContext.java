package io.tagforge.engine.cli;

import io.tagforge.db.Database;
import io.tagforge.db.DatabaseSettings;
import javax.sql.DataSource;

/**
 * What a CLI command may need, opened only when first asked for: {@code --help} never starts a database.
 */
public class AppContext implements AutoCloseable {

    private final DatabaseSettings settings;
    private Database database;

    public AppContext(DatabaseSettings settings) {
        this.settings = settings;
    }

    public synchronized DataSource dataSource() {
        if (database == null) {
            database = Database.open(settings);
        }
        return database.dataSource();
    }

    @Override
    public synchronized void close() {
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
