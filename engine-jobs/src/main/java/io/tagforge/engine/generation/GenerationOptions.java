package io.tagforge.engine.generation;

import io.tagforge.engine.model.ModelDevice;
import io.tagforge.engine.model.ModelSpec;
import io.tagforge.labelsystem.error.TagforgeException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of {@code generate}, on one machine and on Spark: what to generate for, with which models. */
public final class GenerationOptions {

    @Option(names = "--dataset", required = true, description = "Dataset name.")
    String dataset;

    @Option(names = "--tagger", required = true, description = "Tagger model folder (model.json + weights).")
    Path tagger;

    @Option(names = "--release", description = "Release whose tags the tagger's outputs are, in index order "
            + "(default: model.json's \"release\").")
    String release;

    @Option(names = "--captioner", description = "Captioner model folder; its captions are stored as GENERATED.")
    Path captioner;

    @Option(names = "--batch-size", defaultValue = "32", description = "Images per model batch (default ${DEFAULT-VALUE}); "
            + "the local job commits every batch, a Spark task its range.")
    int batchSize;

    /** The run these options ask for, its models on {@code device}. */
    public GenerationRequest request(ModelDevice device) {
        if (batchSize < 1) {
            throw new TagforgeException("--batch-size must be at least 1");
        }
        String releaseName = release != null ? release : ModelSpec.read(tagger).json().path("release").asText(null);
        if (releaseName == null) {
            throw new TagforgeException("--release: required, since " + tagger.resolve("model.json") + " names no release");
        }
        return new GenerationRequest(dataset, tagger, releaseName, captioner, batchSize, device);
    }
}
