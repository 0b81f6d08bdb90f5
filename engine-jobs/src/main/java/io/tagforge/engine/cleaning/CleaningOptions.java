package io.tagforge.engine.cleaning;

import io.tagforge.engine.model.DeviceOption;
import io.tagforge.engine.model.ModelDevice;
import io.tagforge.labelsystem.error.TagforgeException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of {@code clean}, on one machine and with {@code --spark}: what a {@link CleaningRequest} holds. */
public final class CleaningOptions {

    @Option(names = "--dataset", required = true, description = "Dataset name.")
    String dataset;

    @Option(names = "--detector", description = "Detector model folder; without it, the regions already stored "
            + "(e.g. by 'regions import') are used and no tag is flagged for lacking one.")
    Path detector;

    @Option(names = "--embedder", required = true, description = "Embedder model folder (crop features).")
    Path embedder;

    @Option(names = "--categories", split = ",", description = "Tag names to clean (default: every "
            + "detectable tag on at least --min-images images; see 'vocab propose-detectable').")
    List<String> categories = List.of();

    @Option(names = "--min-images", defaultValue = "5", description = "Without --categories: the images a tag "
            + "needs to be cleaned (default ${DEFAULT-VALUE}).")
    int minImages;

    @Option(names = "--outlier-fraction", defaultValue = "0.1", description = "Share of a category's regions "
            + "called outliers (default ${DEFAULT-VALUE}).")
    double outlierFraction;

    @Option(names = "--k", defaultValue = "16", description = "K-Means clusters per category (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--seed", defaultValue = "42", description = "K-Means seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--tagger", description = "Tagger model folder: flags tags it scores under their class threshold.")
    Path tagger;

    @Option(names = "--release", description = "Release of the tagger's outputs (with --tagger).")
    String release;

    @Option(names = "--recheck", description = "Also judge pairs a person accepted; a flag on one is marked as "
            + "a recheck. Rejected pairs stay rejected.")
    boolean recheck;

    @Option(names = "--device", defaultValue = "auto", converter = DeviceOption.class, description = "cpu, gpu, "
            + "gpu:N, or auto: the GPU when there is one (default ${DEFAULT-VALUE}).")
    ModelDevice device;

    @Option(names = "--batch-size", defaultValue = "16", description = "Images per batch and commit (default ${DEFAULT-VALUE}).")
    int batchSize;

    /** The request these options ask for; options out of range are refused. */
    public CleaningRequest request() {
        if (!(outlierFraction >= 0 && outlierFraction < 1)) {
            throw new TagforgeException("--outlier-fraction must be in [0, 1), was " + outlierFraction);
        }
        if (k < 1 || batchSize < 1 || minImages < 1) {
            throw new TagforgeException("--k, --batch-size and --min-images must be at least 1");
        }
        if (tagger != null && release == null) {
            throw new TagforgeException("--release: required with --tagger");
        }
        return new CleaningRequest(dataset, detector, embedder, categories, minImages,
                outlierFraction, k, seed, tagger, release, batchSize, recheck, device);
    }
}
