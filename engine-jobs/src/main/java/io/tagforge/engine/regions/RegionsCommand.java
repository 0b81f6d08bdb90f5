package io.tagforge.engine.regions;

import io.tagforge.labelsystem.transaction.Transactions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./tagforge regions ...}: detector regions made elsewhere. */
@Command(name = "regions", mixinStandardHelpOptions = true, description = "Detector regions.",
        subcommands = RegionsCommand.Import.class)
public class RegionsCommand {

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Imports detections in COCO results format ([{image_id, category_id | category_name, "
                    + "bbox [x, y, w, h] in pixels, score}]) for 'clean' to use.")
    static class Import implements Callable<Integer> {

        private final Transactions transactions;

        @Option(names = "--dataset", required = true, description = "Dataset whose images' external ids the image_ids are.")
        String dataset;

        @Option(names = "--file", required = true, description = "COCO results JSON.")
        Path file;

        @Option(names = "--categories", description = "COCO annotations JSON whose categories name the category_ids.")
        Path categories;

        @Option(names = "--source", description = "Source label of the regions (default: import:FILE NAME).")
        String source;

        Import(Transactions transactions) {
            this.transactions = transactions;
        }

        @Override
        public Integer call() throws Exception {
            String label = source != null ? source : "import:" + file.getFileName();
            RegionImport.Result result = RegionImport.run(transactions, dataset, file, categories, label);
            System.out.println(file.getFileName() + ": " + result.detections() + " detections, " + result.added()
                    + " regions added (source " + label + "), skipped " + result.skipped());
            return 0;
        }
    }
}
