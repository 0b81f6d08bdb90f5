package io.tagforge.engine.cli;

import io.tagforge.labelsystem.database.Database;
import io.tagforge.engine.app.TagforgeConfiguration;
import picocli.CommandLine.Command;

@Command(name = "db", description = "Database maintenance.", mixinStandardHelpOptions = true,
        subcommands = DbCommand.Migrate.class)
class DbCommand {

    @Command(name = "migrate", description = "Applies the schema migrations (every command also does so first).")
    static class Migrate implements Runnable {
        private final Database database;

        /** opening the database migrates it ({@link TagforgeConfiguration}) */
        Migrate(Database database) {
            this.database = database;
        }

        @Override
        public void run() {
            System.out.println("Schema up to date on " + database.jdbcUrl());
        }
    }
}
