package io.tagforge.curation.app;

import io.tagforge.engine.app.SharedFolder;
import io.tagforge.engine.dataset.DatasetStore;
import io.tagforge.engine.demo.DemoData;
import io.tagforge.labelsystem.transaction.Transactions;
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
    private final Transactions transactions;
    private final SharedFolder shared;
    private final DatasetStore datasets;
    private final ExecutorService jobThreads;

    DemoOnFirstStart(DataSource dataSource, Transactions transactions, SharedFolder shared, DatasetStore datasets,
            ExecutorService jobThreads) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.shared = shared;
        this.datasets = datasets;
        this.jobThreads = jobThreads;
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadWhenEmpty() {
        if (!datasets.all().isEmpty()) {
            return;
        }
        Path cocoMini = DemoData.cocoMini(shared.dir());
        if (!Files.isDirectory(cocoMini.resolve("annotations"))) {
            log.warn("No demo data at {} (set TAGFORGE_DEMO_DATA): starting with an empty database", cocoMini);
            return;
        }
        Path embedder = Path.of(System.getProperty("tagforge.checkout", ".")).resolve("demo/embedder");
        jobThreads.submit(() -> {
            try {
                DemoData.load(dataSource, transactions, cocoMini, shared.resolve("ram"), embedder,
                        step -> log.info("Demo: {}", step));
            } catch (Exception e) {
                log.error("Loading the demo failed: {}", e.getMessage(), e);
            }
        });
    }
}
