package io.tagforge.labelsystem.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens Tagforge's database: the configured server, or the embedded one that keeps its data between runs. */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    public static final String EMBEDDED_DB = "tagforge";

    private final HikariDataSource dataSource;
    private final EmbeddedPostgres embedded;

    private Database(HikariDataSource dataSource, EmbeddedPostgres embedded) {
        this.dataSource = dataSource;
        this.embedded = embedded;
    }

    /** Opens and migrates the database the settings name. */
    public static Database open(DatabaseSettings settings) {
        Database db = settings.url().isPresent()
                ? new Database(pool(settings.url().get(), settings.user(), settings.password()), null)
                : openEmbedded(settings.home().resolve("pgdata"));
        try {
            migrate(db.dataSource);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    public static void migrate(DataSource dataSource) {
        // each module numbers its migrations in its own range (labels V10-V19, engine V20-V29, ...), so a database
        // may have run V20 before V10 arrives: late arrivals are applied, not refused
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").outOfOrder(true).load().migrate();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String jdbcUrl() {
        return dataSource.getJdbcUrl();
    }

    static HikariDataSource pool(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(Math.max(4, Runtime.getRuntime().availableProcessors() * 2));
        config.setPoolName("tagforge");
        return new HikariDataSource(config);
    }

    /**
     * A second process (the UI while the CLI runs) finds the server the first one started, through the
     * postmaster.pid file, instead of failing on the data directory's lock.
     */
    private static Database openEmbedded(Path dataDir) {
        try {
            Files.createDirectories(dataDir.getParent());
            Integer runningPort = runningPostmasterPort(dataDir);
            if (runningPort != null) {
                log.info("Using the embedded PostgreSQL already running on port {}", runningPort);
                return new Database(pool(embeddedUrl(runningPort), "postgres", ""), null);
            }
            log.info("Starting embedded PostgreSQL with data in {}", dataDir);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .start();
            try (var c = pg.getPostgresDatabase().getConnection(); var st = c.createStatement();
                 var rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + EMBEDDED_DB + "'")) {
                if (!rs.next()) {
                    st.execute("CREATE DATABASE " + EMBEDDED_DB);
                }
            }
            return new Database(pool(embeddedUrl(pg.getPort()), "postgres", ""), pg);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dataDir + ": " + e.getMessage(), e);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot create the database in the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    private static String embeddedUrl(int port) {
        return "jdbc:postgresql://localhost:" + port + "/" + EMBEDDED_DB;
    }

    /** The port in postmaster.pid (line 4) when the process on line 1 is alive, else null. */
    static Integer runningPostmasterPort(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return null;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 4) {
            return null;
        }
        try {
            long pid = Long.parseLong(lines.get(0).trim());
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            return alive ? Integer.parseInt(lines.get(3).trim()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public void close() {
        dataSource.close();
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
            }
        }
    }
}
