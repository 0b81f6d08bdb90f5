package io.tagforge.engine.generation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagforge.engine.model.ModelDevice;
import java.nio.file.Path;

/**
 * What a generation run does: the dataset, the tagger folder and the release its outputs follow, optionally
 * a captioner folder, images per batch, the device the models run on. Its JSON form is the job's parameters
 * (the device left out: a run resumed on another device is the same run), so a rerun of the same request
 * resumes the unfinished job.
 */
public record GenerationRequest(String dataset, Path tagger, String release, Path captioner, int batchSize,
        ModelDevice device) {

    /** On the GPU when there is one. */
    public GenerationRequest(String dataset, Path tagger, String release, Path captioner, int batchSize) {
        this(dataset, tagger, release, captioner, batchSize, ModelDevice.AUTO);
    }

    public ObjectNode toParams() {
        ObjectNode params = new ObjectMapper().createObjectNode()
                .put("dataset", dataset)
                .put("tagger", tagger.toAbsolutePath().normalize().toString())
                .put("release", release)
                .put("batchSize", batchSize);
        if (captioner != null) {
            params.put("captioner", captioner.toAbsolutePath().normalize().toString());
        }
        return params;
    }
}
