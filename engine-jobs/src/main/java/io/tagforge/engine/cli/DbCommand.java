package io.tagforge.engine.cli;

import io.tagforge.labelsystem.database.Database;
import io.tagforge.labelsystem.error.TagforgeException;
import java.sql.Connection;
import java.sql.SQLException;
import picocli.CommandLine.Command;

@Command(name = "db", description = "Database maintenance.", mixinStandardHelpOptions = true,
        subcommands = DbCommand.Migrate.class)
class DbCommand {

    @Command(name = "migrate", description = "Applies the schema migrations (every command also does so first).")
    static class Migrate implements Runnable {
        private final AppContext context;

        Migrate(AppContext context) {
            this.context = context;
        }

        @Override
        public void run() {
            try (Connection c = context.dataSource().getConnection()) {
                Database.migrate(context.dataSource());
                System.out.println("Schema up to date on " + c.getMetaData().getURL());
            } catch (SQLException e) {
                throw new TagforgeException("Cannot reach the database: " + e.getMessage(), e);
            }
        }
    }
}
