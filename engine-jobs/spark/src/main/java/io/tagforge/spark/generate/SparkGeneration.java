package io.tagforge.spark.generate;

import io.tagforge.engine.generation.GenerationRequest;
import java.io.Serializable;

/**
 * A generation run as its tasks need it, in the closure Spark sends them (a {@link GenerationRequest} holds Paths,
 * which do not serialize): the model folders, at the same path on every executor.
 *
 * @param captioner     null: tags only
 * @param parseCaptions whether generated captions are parsed with the database's vocabulary (it has tags)
 */
record SparkGeneration(String dataset, String tagger, String release, String captioner, int batchSize,
        boolean parseCaptions) implements Serializable {

    static SparkGeneration of(GenerationRequest request, boolean parseCaptions) {
        return new SparkGeneration(request.dataset(), request.tagger().toAbsolutePath().normalize().toString(),
                request.release(), request.captioner() == null ? null
                        : request.captioner().toAbsolutePath().normalize().toString(),
                request.batchSize(), parseCaptions && request.captioner() != null);
    }
}
