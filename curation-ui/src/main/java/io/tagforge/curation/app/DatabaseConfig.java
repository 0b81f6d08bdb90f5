package io.tagforge.curation.app;

import io.tagforge.labelsystem.database.Database;
import io.tagforge.labelsystem.database.DatabaseSettings;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The app's DataSource is Tagforge's database (embedded PostgreSQL by default, migrated on open), the same one
 * the CLI uses. {@code tagforge.db.url} (tests) overrides the environment's {@code TAGFORGE_DB_URL}.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

    @Bean(destroyMethod = "close")
    Database database(Environment env) {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment();
        String url = env.getProperty("tagforge.db.url");
        if (url != null) {
            settings = new DatabaseSettings(Optional.of(url), env.getProperty("tagforge.db.user", settings.user()),
                    env.getProperty("tagforge.db.password", settings.password()), settings.home());
        }
        return Database.open(settings);
    }

    @Bean
    DataSource dataSource(Database database) {
        return database.dataSource();
    }
}
