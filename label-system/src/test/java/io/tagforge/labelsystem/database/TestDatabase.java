package io.tagforge.labelsystem.database;

import io.tagforge.labelsystem.mapping.SurfaceMappingSeed;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariDataSource;

/**
 * One fresh, migrated database per test JVM: on the PostgreSQL at 127.0.0.1:5432 when it answers, else on an
 * embedded server. It is dropped when the JVM exits. Tests that need isolation from each other use
 * {@link #truncateAll()} or their own dataset names.
 */
public final class TestDatabase {

    private static final String SERVER = "127.0.0.1";
    private static TestDatabase instance;

    private final HikariDataSource dataSource;
    private final String adminUrl;
    private final String name;

    private TestDatabase(String adminUrl, String name) {
        this.adminUrl = adminUrl;
        this.name = name;
        this.dataSource = Database.pool(adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name, "postgres", "");
    }

    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = create();
        }
        return instance;
    }

    public static DataSource dataSource() {
        return get().dataSource;
    }

    public String url() {
        return dataSource.getJdbcUrl();
    }

    private static TestDatabase create() {
        String adminUrl = serverAnswers() ? "jdbc:postgresql://" + SERVER + ":5432/postgres" : startEmbedded();
        String name = "tagforge_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(adminUrl, "CREATE DATABASE " + name);
        TestDatabase db = new TestDatabase(adminUrl, name);
        Database.migrate(db.dataSource);
        Runtime.getRuntime().addShutdownHook(new Thread(db::drop));
        return db;
    }

    private static boolean serverAnswers() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(SERVER, 5432), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String startEmbedded() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the temporary data directory goes with it
                }
            }));
            return "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
        } catch (IOException e) {
            throw new UncheckedIOException("No PostgreSQL at " + SERVER + ":5432 and the embedded one did not start", e);
        }
    }

    /** Empties every table but the migration history and the code names, then puts the mapping seed back. */
    public void truncateAll() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("""
                    DO $$ DECLARE t text; BEGIN
                      SELECT string_agg(quote_ident(tablename), ', ') INTO t FROM pg_tables
                       WHERE schemaname = 'public' AND tablename NOT IN ('flyway_schema_history', 'code_name');
                      EXECUTE 'TRUNCATE ' || t || ' RESTART IDENTITY CASCADE';
                    END $$""");
            // the curated mappings a new database starts with are part of an empty one
            SurfaceMappingSeed.insert(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void drop() {
        dataSource.close();
        execute(adminUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
