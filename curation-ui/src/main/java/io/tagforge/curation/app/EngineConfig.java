package io.tagforge.curation.app;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The threads jobs and live views run on (the engine's beans come from {@code TagforgeConfiguration}). */
@Configuration(proxyBeanMethods = false)
class EngineConfig {

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
