package io.tagforge.engine.demo;

import io.tagforge.engine.cli.AppContext;
import io.tagforge.engine.cli.UserException;
import io.tagforge.labelsystem.shareddata.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Loads the COCO-MINI demo: ingest, RAM vocabulary, parse, regions, cleaning flags.")
public class DemoCommand implements Callable<Integer> {

    private final AppContext context;

    DemoCommand(AppContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Path cocoMini = DemoData.cocoMini(SharedData.dir());
        if (!Files.isDirectory(cocoMini.resolve("annotations"))) {
            throw new UserException(cocoMini + ": no COCO-MINI here; set TAGFORGE_DEMO_DATA");
        }
        Path home = Path.of(System.getProperty("tagforge.home", "."));
        DemoData.load(context.dataSource(), cocoMini, SharedData.dir().resolve("ram"), home.resolve("demo/embedder"),
                System.out::println);
        return 0;
    }
}
