package io.tagforge.engine.ingest;

import io.tagforge.engine.dataset.DatasetStats;
import io.tagforge.engine.dataset.DatasetStore;
import io.tagforge.engine.job.ConsoleProgress;
import io.tagforge.labelsystem.transaction.Transactions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Adds images and captions to a dataset. Safe to rerun: what is there already is not added again.",
        subcommands = {IngestCommand.Coco.class, IngestCommand.Tsv.class, IngestCommand.RamJson.class})
public class IngestCommand {

    /** Options every input format shares. */
    abstract static class Base implements Callable<Integer> {
        private final Transactions transactions;

        @Option(names = "--dataset", required = true, description = "dataset name (created when new)")
        String dataset;

        @Option(names = "--strict", description = "fail, adding nothing, when an image file is missing")
        boolean strict;

        Base(Transactions transactions) {
            this.transactions = transactions;
        }

        abstract IngestRequest request();

        @Override
        public Integer call() throws Exception {
            IngestRequest request = request();
            IngestResult r = new Ingester(transactions)
                    .ingest(request, new ConsoleProgress("ingest " + request.file().getFileName(), "captions"));
            DatasetStats d = new DatasetStore(transactions.dataSource()).find(r.dataset()).orElseThrow();
            System.out.printf("%s: %d images (+%d), %d captions (+%d)%s%n", r.dataset(), d.images(), r.imagesAdded(),
                    d.captions(), r.captionsAdded(), r.labelsAdded() > 0 ? ", +" + r.labelsAdded() + " tag assignments" : "");
            if (r.missingImages() > 0) {
                System.out.printf("%d image files missing, e.g.:%n", r.missingImages());
                r.missingExamples().forEach(p -> System.out.println("  " + p));
            }
            return 0;
        }
    }

    @Command(name = "coco", description = "COCO captions JSON (images[] and annotations[]).")
    static class Coco extends Base {
        @Option(names = "--captions", required = true, paramLabel = "FILE") Path captions;
        @Option(names = "--images", required = true, paramLabel = "DIR", description = "folder of the image files") Path images;

        Coco(Transactions transactions) {
            super(transactions);
        }

        @Override
        IngestRequest request() {
            return new IngestRequest(IngestFormat.COCO, captions, dataset, images, strict, null);
        }
    }

    @Command(name = "tsv", description = "path-or-url<TAB>caption per line (CC3M, CC12M, SBU); several lines per image allowed.")
    static class Tsv extends Base {
        @Option(names = "--file", required = true, paramLabel = "FILE") Path file;
        @Option(names = "--images", paramLabel = "DIR", description = "folder relative paths are in") Path images;

        Tsv(Transactions transactions) {
            super(transactions);
        }

        @Override
        IngestRequest request() {
            return new IngestRequest(IngestFormat.TSV, file, dataset, images, strict, null);
        }
    }

    @Command(name = "ram-json", description = "RAM training JSON: [{image_path, caption[], union_label_id[], parse_label_id[][]}].")
    static class RamJson extends Base {
        @Option(names = "--file", required = true, paramLabel = "FILE") Path file;
        @Option(names = "--images", required = true, paramLabel = "DIR") Path images;
        @Option(names = "--release", paramLabel = "NAME",
                description = "the release whose tag list the label ids index (needed when the file has labels)")
        String release;

        RamJson(Transactions transactions) {
            super(transactions);
        }

        @Override
        IngestRequest request() {
            return new IngestRequest(IngestFormat.RAM_JSON, file, dataset, images, strict, release);
        }
    }
}
