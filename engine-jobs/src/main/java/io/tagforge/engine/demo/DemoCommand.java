package io.tagforge.engine.demo;

import io.tagforge.labelsystem.error.TagforgeException;
import io.tagforge.engine.app.SharedFolder;
import io.tagforge.labelsystem.transaction.Transactions;
import io.tagforge.labelsystem.shareddata.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine.Command;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Loads the COCO-MINI demo: ingest, RAM vocabulary, parse, regions, cleaning flags.")
public class DemoCommand implements Callable<Integer> {

    private final DataSource dataSource;
    private final Transactions transactions;
    private final SharedFolder shared;

    DemoCommand(DataSource dataSource, Transactions transactions, SharedFolder shared) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.shared = shared;
    }

    @Override
    public Integer call() throws Exception {
        Path cocoMini = DemoData.cocoMini(shared.dir());
        if (!Files.isDirectory(cocoMini.resolve("annotations"))) {
            throw new TagforgeException(cocoMini + ": no COCO-MINI here; set TAGFORGE_DEMO_DATA");
        }
        Path home = Path.of(System.getProperty("tagforge.checkout", "."));
        DemoData.load(dataSource, transactions, cocoMini, shared.resolve("ram"), home.resolve("demo/embedder"),
                System.out::println);
        return 0;
    }
}
