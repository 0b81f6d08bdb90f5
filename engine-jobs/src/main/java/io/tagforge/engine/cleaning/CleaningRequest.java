package io.tagforge.engine.cleaning;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagforge.engine.model.ModelDevice;
import java.nio.file.Path;
import java.util.List;

/**
 * What a cleaning run does. {@code categories} empty: every detectable tag (the ontology's {@code detectable},
 * as in the RAM paper, which cleaned object categories only) on at least {@code minImages} images of the
 * dataset. {@code detector} null: only regions already in table region (e.g. imported) are used, and no tag
 * is flagged for lacking one. {@code tagger} null: no LOW_SCORE flags. {@code recheck}: pairs a person accepted
 * are judged again and may be flagged again. Its JSON form is the job's parameters (without the device the models
 * run on).
 */
public record CleaningRequest(String dataset, Path detector, Path embedder, List<String> categories, int minImages,
        double outlierFraction, int k, long seed, Path tagger, String release, int batchSize, boolean recheck,
        ModelDevice device) {

    /** No recheck, on the GPU when there is one. */
    public CleaningRequest(String dataset, Path detector, Path embedder, List<String> categories, int minImages,
            double outlierFraction, int k, long seed, Path tagger, String release, int batchSize) {
        this(dataset, detector, embedder, categories, minImages, outlierFraction, k, seed, tagger, release, batchSize,
                false, ModelDevice.AUTO);
    }

    public ObjectNode toParams() {
        ObjectNode params = new ObjectMapper().createObjectNode()
                .put("dataset", dataset)
                .put("embedder", path(embedder))
                .put("minImages", minImages)
                .put("outlierFraction", outlierFraction)
                .put("k", k)
                .put("seed", seed)
                .put("batchSize", batchSize)
                .put("recheck", recheck);
        params.putArray("categories").addAll(categories.stream().map(c -> params.textNode(c)).toList());
        if (detector != null) {
            params.put("detector", path(detector));
        }
        if (tagger != null) {
            params.put("tagger", path(tagger)).put("release", release);
        }
        return params;
    }

    private static String path(Path p) {
        return p.toAbsolutePath().normalize().toString();
    }
}
