package io.tagforge.engine.dataset;

import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine.Command;

@Command(name = "datasets", mixinStandardHelpOptions = true, description = "Lists datasets with their counts.")
public class DatasetsCommand implements Callable<Integer> {

    private final DataSource dataSource;

    DatasetsCommand(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Integer call() {
        List<DatasetStats> all = new DatasetStore(dataSource).all();
        if (all.isEmpty()) {
            System.out.println("No datasets yet: add one with ./tagforge ingest");
            return 0;
        }
        String format = "%-24s %-9s %10s %8s %10s %10s %12s %9s%n";
        System.out.printf(format, "DATASET", "FORMAT", "IMAGES", "MISSING", "CAPTIONS", "GENERATED", "TAGS", "FLAGGED");
        for (DatasetStats d : all) {
            System.out.printf(format, d.name(), d.format(), d.images(), d.missingImages(), d.captions(),
                    d.generatedCaptions(), d.tagAssignments(), d.flagged());
        }
        return 0;
    }
}
