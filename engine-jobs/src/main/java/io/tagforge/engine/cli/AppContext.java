package io.tagforge.engine.cli;

import io.tagforge.labelsystem.database.Database;
import io.tagforge.labelsystem.database.DatabaseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * The shared folder beside the checkout ({@code ../shared}) or {@code TAGFORGE_SHARED}, where RAM's tag
     * lists and the COCO-MINI demo data are.
     */
    public Path sharedDir() {
        return defaultSharedDir();
    }

    public static Path defaultSharedDir() {
        String env = System.getenv("TAGFORGE_SHARED");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path checkout = Path.of(System.getProperty("tagforge.checkout", ".")).toAbsolutePath().normalize();
        Path shared = checkout.resolveSibling("shared");
        return Files.isDirectory(shared) ? shared : checkout.resolve("shared");
    }

    @Override
    public synchronized void close() {
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
