package io.tagforge.spark.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Where executors find the database: sent to them inside a task's closure (a live DataSource cannot travel), and
 * turned there into this JVM's pool for it.
 */
public record DatabaseAddress(String url, String user, String password) implements Serializable {

    /** Connections an executor JVM keeps: one per task slot is plenty, a task uses one at a time. */
    private static final int POOL_SIZE = 4;
    private static final Map<DatabaseAddress, HikariDataSource> POOLS = new ConcurrentHashMap<>();

    /** This JVM's pool for the address, made at its first use and kept for the JVM's life (tasks reuse it). */
    public DataSource pool() {
        return POOLS.computeIfAbsent(this, address -> {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(address.url);
            config.setUsername(address.user);
            config.setPassword(address.password);
            config.setMaximumPoolSize(POOL_SIZE);
            config.setMinimumIdle(0);
            config.setPoolName("tagforge-executor");
            return new HikariDataSource(config);
        });
    }

    /** Without the password: Spark prints task closures in its logs and UI. */
    @Override
    public String toString() {
        return "DatabaseAddress[" + url + " as " + user + "]";
    }
}
