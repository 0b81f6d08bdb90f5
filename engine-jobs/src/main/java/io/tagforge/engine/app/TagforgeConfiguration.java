package io.tagforge.engine.app;

import io.tagforge.labelsystem.context.TagforgeJpa;
import io.tagforge.labelsystem.database.Database;
import io.tagforge.labelsystem.database.DatabaseSettings;
import io.tagforge.engine.dataset.DatasetStore;
import io.tagforge.engine.ingest.Ingester;
import io.tagforge.engine.job.JobStore;
import io.tagforge.engine.review.PairReview;
import io.tagforge.labelsystem.tag.Tags;
import io.tagforge.labelsystem.transaction.Transactions;
import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The beans the CLI ({@code TagforgeCli}) and the web app ({@code CurationApplication}) share: Tagforge's
 * database (embedded PostgreSQL by default, migrated on open), its DataSource and the stores and services on
 * it. The one transaction manager is Spring Boot's auto-configured one for this DataSource (a JPA one once
 * JPA is on the classpath); every JDBC caller joins its transactions.
 */
@Configuration(proxyBeanMethods = false)
@Import(TagforgeJpa.class)
public class TagforgeConfiguration {

    /** {@code tagforge.db.url} (tests) overrides the environment's {@code TAGFORGE_DB_URL}. */
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

    /**
     * A plain {@code getConnection()} returns the current transaction's connection when there is one (and a
     * pooled connection otherwise), so readers that take a DataSource see what the transaction wrote. The
     * database opens at the first connection.
     */
    @Bean
    DataSource dataSource(ObjectProvider<Database> database) {
        return new TransactionAwareDataSourceProxy(new DatabaseOnFirstUse(database));
    }

    @Bean
    Transactions transactions(DataSource dataSource, PlatformTransactionManager transactionManager) {
        return new Transactions(dataSource, transactionManager);
    }

    /** {@code tagforge.shared} (tests) overrides {@link SharedFolder#locate()}. */
    @Bean
    SharedFolder sharedFolder(Environment env) {
        String dir = env.getProperty("tagforge.shared");
        return dir != null ? new SharedFolder(Path.of(dir)) : SharedFolder.locate();
    }

    @Bean
    JobStore jobStore(Transactions transactions) {
        return new JobStore(transactions);
    }

    @Bean
    Ingester ingester(Transactions transactions) {
        return new Ingester(transactions);
    }

    @Bean
    DatasetStore datasetStore(DataSource dataSource) {
        return new DatasetStore(dataSource);
    }

    @Bean
    PairReview pairReview(DataSource dataSource, PlatformTransactionManager transactionManager) {
        return new PairReview(dataSource, transactionManager);
    }

    @Bean
    Tags tags(DataSource dataSource) {
        return new Tags(dataSource);
    }
}
