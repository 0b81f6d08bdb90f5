package io.tagforge.engine.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tagforge.engine.cleaning.CleaningJob;
import io.tagforge.engine.cleaning.CleaningRequest;
import io.tagforge.engine.ingest.IngestFormat;
import io.tagforge.engine.ingest.IngestRequest;
import io.tagforge.engine.ingest.Ingester;
import io.tagforge.engine.job.JobListener;
import io.tagforge.engine.parse.ParseDatasetJob;
import io.tagforge.engine.regions.RegionImport;
import io.tagforge.labelsystem.detectable.Detectability;
import io.tagforge.labelsystem.ramformat.TagListImport;
import io.tagforge.labelsystem.transaction.Transactions;
import io.tagforge.labelsystem.vocabulary.DatabaseVocabulary;
import io.tagforge.labelsystem.vocabulary.LookupOptions;
import io.tagforge.labelsystem.vocabulary.Vocabulary;
import io.tagforge.labelsystem.wordnet.WordNet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Loads the COCO-MINI demo so that a newcomer sees real work: both splits ingested, RAM's tag lists imported,
 * every caption parsed, COCO's own train2017 boxes imported as regions (a detector run elsewhere), and a
 * cleaning run whose outlier and no-region flags fill the review queue. The embedder is the project's toy
 * one (colour statistics of a crop, {@code demo/embedder}): it shows the pipeline, not a real model's flags.
 */
public final class DemoData {

    public static final String TRAIN = "coco-mini-train";
    public static final String VAL = "coco-mini-val";

    private DemoData() {
    }

    /** The COCO-MINI folder: {@code TAGFORGE_DEMO_DATA}, else {@code SHARED/datasets/coco-mini}. */
    public static Path cocoMini(Path sharedDir) {
        String env = System.getenv("TAGFORGE_DEMO_DATA");
        return env != null && !env.isBlank() ? Path.of(env) : sharedDir.resolve("datasets/coco-mini");
    }

    public static void load(DataSource ds, Transactions transactions, Path cocoMini, Path ramDir, Path embedder, Consumer<String> say)
            throws Exception {
        Path annotations = cocoMini.resolve("annotations");
        Ingester ingester = new Ingester(transactions);
        for (String split : List.of("train2017", "val2017")) {
            say.accept("ingesting COCO-MINI " + split);
            ingester.ingest(new IngestRequest(IngestFormat.COCO, annotations.resolve("captions_" + split + ".json"),
                    split.startsWith("train") ? TRAIN : VAL, cocoMini.resolve(split), false, null), JobListener.NONE);
        }
        say.accept("importing RAM's tag lists from " + ramDir);
        new TagListImport(transactions, "demo").importRam(ramDir, "ram-4585");
        try (WordNet wordNet = WordNet.open()) {
            say.accept("proposing which tags a detector can box (WordNet)");
            try (Connection c = ds.getConnection()) {
                new Detectability(wordNet).proposeUndecided(c, null);
            }
            Vocabulary vocabulary = DatabaseVocabulary.load(ds, wordNet, LookupOptions.defaults());
            for (String dataset : List.of(TRAIN, VAL)) {
                say.accept("parsing the captions of " + dataset);
                new ParseDatasetJob(dataset, vocabulary, Runtime.getRuntime().availableProcessors(), 256)
                        .run(transactions, "demo", JobListener.NONE);
            }
        }
        say.accept("importing COCO's train2017 boxes as regions");
        Path instances = annotations.resolve("instances_train2017.json");
        Path results = Files.createTempFile("tagforge-demo-regions", ".json");
        try {
            Files.writeString(results, detections(instances));
            RegionImport.run(transactions, TRAIN, results, instances, "coco-ground-truth");
        } finally {
            Files.deleteIfExists(results);
        }
        say.accept("cleaning " + TRAIN + " (toy embedder, K-Means++ outliers)");
        CleaningJob.run(transactions, new CleaningRequest(TRAIN, null, embedder, List.of(), 3, 0.1, 4, 42, null, null, 16),
                "demo", JobListener.NONE);
        say.accept("demo loaded");
    }

    /** COCO instance annotations in COCO results form: every box a detection of score 1. */
    public static String detections(Path instances) throws java.io.IOException {
        ObjectMapper json = new ObjectMapper();
        ArrayNode out = json.createArrayNode();
        for (JsonNode a : json.readTree(instances.toFile()).path("annotations")) {
            out.addObject().put("image_id", a.path("image_id").asLong()).put("category_id", a.path("category_id").asInt())
                    .put("score", 1.0).set("bbox", a.path("bbox"));
        }
        return json.writeValueAsString(out);
    }
}
