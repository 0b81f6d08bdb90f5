package io.tagforge.curation.app;

import io.tagforge.engine.dataset.DatasetStore;
import io.tagforge.engine.job.JobStore;
import io.tagforge.engine.review.PairReview;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The engine's stores and review service, on the app's database, and the threads jobs and live views run on. */
@Configuration(proxyBeanMethods = false)
class EngineConfig {

    @Bean
    JobStore jobStore(DataSource dataSource) {
        return new JobStore(dataSource);
    }

    @Bean
    DatasetStore datasetStore(DataSource dataSource) {
        return new DatasetStore(dataSource);
    }

    @Bean
    PairReview pairReview(DataSource dataSource) {
        return new PairReview(dataSource);
    }

    /** Jobs started from the UI; one at a time beside the people using the app on a small machine. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService jobThreads() {
        return Executors.newSingleThreadExecutor(r -> daemon(r, "ui-job"));
    }

    /** Pushes job progress to open views. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService pushTicker() {
        return Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "ui-push"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
