package io.tagforge.engine.cli;

import io.tagforge.db.Database;
import io.tagforge.db.DatabaseSettings;
import io.tagforge.labelsystem.context.LabelSystemContext;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a CLI command may need, opened only when first asked for: {@code --help} never starts a database.
 */
public class AppContext implements AutoCloseable {

    private final DatabaseSettings settings;
    private Database database;
    private ConfigurableApplicationContext labelSystem;

    public AppContext(DatabaseSettings settings) {
        this.settings = settings;
    }

    public synchronized DataSource dataSource() {
        if (database == null) {
            database = Database.open(settings);
        }
        return database.dataSource();
    }

    /** A service of the label system (curation), its Spring context started on first use over {@link #dataSource}. */
    public synchronized <T> T labelSystem(Class<T> service) {
        if (labelSystem == null) {
            labelSystem = LabelSystemContext.start(dataSource());
        }
        return labelSystem.getBean(service);
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
        Path home = Path.of(System.getProperty("tagforge.home", ".")).toAbsolutePath().normalize();
        Path shared = home.resolveSibling("shared");
        return Files.isDirectory(shared) ? shared : home.resolve("shared");
    }

    @Override
    public synchronized void close() {
        if (labelSystem != null) {
            labelSystem.close();
            labelSystem = null;
        }
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
