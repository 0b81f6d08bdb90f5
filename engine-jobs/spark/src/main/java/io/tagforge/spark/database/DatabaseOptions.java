package io.tagforge.spark.database;

import io.tagforge.labelsystem.database.Database;
import io.tagforge.labelsystem.database.DatabaseSettings;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --db-url}, {@code --db-user}, {@code --db-password}: the TAGFORGE_DB_* settings, overridden. */
public final class DatabaseOptions {

    @Option(names = "--db-url", paramLabel = "URL", description = "JDBC URL (default: TAGFORGE_DB_URL, else the "
            + "embedded database, which only executors on this machine reach).")
    String url;

    @Option(names = "--db-user", paramLabel = "USER", description = "Default: TAGFORGE_DB_USER, else postgres.")
    String user;

    @Option(names = "--db-password", paramLabel = "PASSWORD", description = "Default: TAGFORGE_DB_PASSWORD.")
    String password;

    /** Opens (and migrates) the database for the driver. */
    public Database open() {
        DatabaseSettings env = DatabaseSettings.fromEnvironment();
        return Database.open(settings(env));
    }

    /** The database the driver opened, as executors reach it. */
    public DatabaseAddress address(Database opened) {
        DatabaseSettings settings = settings(DatabaseSettings.fromEnvironment());
        // the embedded database's URL is the one the driver opened; its user is always postgres
        return settings.url().isPresent()
                ? new DatabaseAddress(opened.jdbcUrl(), settings.user(), settings.password())
                : new DatabaseAddress(opened.jdbcUrl(), "postgres", "");
    }

    private DatabaseSettings settings(DatabaseSettings env) {
        return new DatabaseSettings(Optional.ofNullable(url).or(env::url), user != null ? user : env.user(),
                password != null ? password : env.password(), env.home());
    }
}
