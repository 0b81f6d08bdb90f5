package io.tagforge.engine.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.EngineException;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import io.tagforge.labelsystem.error.TagforgeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A loaded DJL model and its predictor, fed in batches. Local files only (the JVM runs with
 * {@code ai.djl.offline=true}), on the {@link ModelDevice} asked for.
 */
final class ModelRunner<I, O> implements AutoCloseable {

    private final Path weights;
    private final ZooModel<List<I>, List<O>> model;
    private final Predictor<List<I>, List<O>> predictor;
    private final int batchSize;

    private ModelRunner(Path weights, ZooModel<List<I>, List<O>> model, int batchSize) {
        this.weights = weights;
        this.model = model;
        this.predictor = model.newPredictor();
        this.batchSize = batchSize;
    }

    /**
     * Loads the model and runs {@code probe} through it, so that a model whose outputs do not match model.json
     * fails here, at load, rather than in the middle of a job.
     */
    static <I, O> ModelRunner<I, O> load(ModelSpec spec, ModelDevice device, Translator<List<I>, List<O>> translator,
            int batchSize, I probe) {
        return load(spec, "model", device, translator, batchSize, probe);
    }

    /** {@link #load} of one part ({@code encoder.onnx}, ...) of a model made of several. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <I, O> ModelRunner<I, O> load(ModelSpec spec, String part, ModelDevice device,
            Translator<List<I>, List<O>> translator, int batchSize, I probe) {
        Path weights = spec.weights(part);
        if (!Files.isRegularFile(weights)) {
            throw new TagforgeException(weights + ": missing (model.json says engine " + spec.engine()
                    + ", which loads " + weights.getFileName() + ")");
        }
        Criteria<List<I>, List<O>> criteria = (Criteria) Criteria.builder()
                .setTypes(List.class, List.class)
                .optModelPath(spec.folder())
                .optModelName(part)
                .optEngine(spec.engine())
                .optDevice(device.resolve(spec.engine(), spec.name()))
                .optOption("mapLocation", "true")
                .optTranslator((Translator) translator)
                .build();
        ZooModel<List<I>, List<O>> model;
        try {
            model = criteria.loadModel();
        } catch (ModelNotFoundException | MalformedModelException | IOException | EngineException e) {
            throw new TagforgeException(weights + ": cannot load as " + spec.engine() + " model: "
                    + firstLine(e), e);
        }
        ModelRunner<I, O> runner = new ModelRunner<>(weights, model, batchSize);
        try {
            runner.predict(List.of(probe));
        } catch (RuntimeException e) {
            runner.close();
            throw e;
        }
        return runner;
    }

    /**
     * Synchronized: the tasks of a Spark executor share one model (and its DJL predictor, which is not for
     * concurrent use); one thread at a time runs it.
     */
    synchronized List<O> predict(List<I> inputs) {
        List<O> outputs = new ArrayList<>(inputs.size());
        for (int from = 0; from < inputs.size(); from += batchSize) {
            List<I> batch = inputs.subList(from, Math.min(inputs.size(), from + batchSize));
            try {
                outputs.addAll(predictor.predict(batch));
            } catch (TranslateException | EngineException e) {
                Throwable cause = e;
                while (cause.getCause() != null && !(cause instanceof TagforgeException)) {
                    cause = cause.getCause();
                }
                if (cause instanceof TagforgeException user) {
                    throw user;
                }
                throw new TagforgeException(weights + ": inference failed: " + firstLine(e), e);
            }
        }
        return outputs;
    }

    Device device() {
        return model.getNDManager().getDevice();
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        return message.lines().findFirst().orElse(message);
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }
}
