package io.tagforge.curation.app;

import io.tagforge.engine.dataset.DatasetStore;
import io.tagforge.engine.demo.DemoData;
import io.tagforge.labelsystem.shareddata.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * On the first start of {@code ./tagforge ui} (an empty database), loads the COCO-MINI demo on the job thread,
 * so the app is usable at once and the review queue fills within a minute.
 */
@Component
@ConditionalOnProperty("tagforge.demo")
class DemoOnFirstStart {

    private static final Logger log = LoggerFactory.getLogger(DemoOnFirstStart.class);

    private final DataSource dataSource;
    private final DatasetStore datasets;
    private final ExecutorService jobThreads;

    DemoOnFirstStart(DataSource dataSource, DatasetStore datasets, ExecutorService jobThreads) {
        this.dataSource = dataSource;
        this.datasets = datasets;
        this.jobThreads = jobThreads;
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadWhenEmpty() {
        if (!datasets.all().isEmpty()) {
            return;
        }
        Path shared = SharedData.dir();
        Path cocoMini = DemoData.cocoMini(shared);
        if (!Files.isDirectory(cocoMini.resolve("annotations"))) {
            log.warn("No demo data at {} (set TAGFORGE_DEMO_DATA): starting with an empty database", cocoMini);
            return;
        }
        Path embedder = Path.of(System.getProperty("tagforge.home", ".")).resolve("demo/embedder");
        jobThreads.submit(() -> {
            try {
                DemoData.load(dataSource, cocoMini, shared.resolve("ram"), embedder, step -> log.info("Demo: {}", step));
            } catch (Exception e) {
                log.error("Loading the demo failed: {}", e.getMessage(), e);
            }
        });
    }
}
