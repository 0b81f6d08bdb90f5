package io.tagforge.engine.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import io.tagforge.engine.cli.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * A loaded DJL model and its predictor, fed in batches. Local files only (the JVM runs with
 * {@code ai.djl.offline=true}); the GPU when the engine sees one, else the CPU.
 */
final class ModelRunner<I, O> implements AutoCloseable {

    private final ModelSpec spec;
    private final ZooModel<List<I>, List<O>> model;
    private final Predictor<List<I>, List<O>> predictor;
    private final int batchSize;

    private ModelRunner(ModelSpec spec, ZooModel<List<I>, List<O>> model, int batchSize) {
        this.spec = spec;
        this.model = model;
        this.predictor = model.newPredictor();
        this.batchSize = batchSize;
    }

    /**
     * Loads the model and runs {@code probe} through it, so that a model whose outputs do not match model.json
     * fails here, at load, rather than in the middle of a job.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <I, O> ModelRunner<I, O> load(ModelSpec spec, Translator<List<I>, List<O>> translator, int batchSize,
            I probe) {
        if (!Files.isRegularFile(spec.weights())) {
            throw new UserException(spec.weights() + ": missing (model.json says engine " + spec.engine()
                    + ", which loads " + spec.weights().getFileName() + ")");
        }
        Criteria<List<I>, List<O>> criteria = (Criteria) Criteria.builder()
                .setTypes(List.class, List.class)
                .optModelPath(spec.folder())
                .optModelName("model")
                .optEngine(spec.engine())
                .optDevice(device(spec.engine()))
                .optOption("mapLocation", "true")
                .optTranslator((Translator) translator)
                .build();
        ZooModel<List<I>, List<O>> model;
        try {
            model = criteria.loadModel();
        } catch (ModelNotFoundException | MalformedModelException | IOException | EngineException e) {
            throw new UserException(spec.weights() + ": cannot load as " + spec.engine() + " model: "
                    + firstLine(e), e);
        }
        ModelRunner<I, O> runner = new ModelRunner<>(spec, model, batchSize);
        try {
            runner.predict(List.of(probe));
        } catch (RuntimeException e) {
            runner.close();
            throw e;
        }
        return runner;
    }

    /** The engine's GPU 0 when it sees a GPU, else the CPU. */
    static Device device(String engine) {
        return Engine.getEngine(engine).getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    }

    List<O> predict(List<I> inputs) {
        List<O> outputs = new ArrayList<>(inputs.size());
        for (int from = 0; from < inputs.size(); from += batchSize) {
            List<I> batch = inputs.subList(from, Math.min(inputs.size(), from + batchSize));
            try {
                outputs.addAll(predictor.predict(batch));
            } catch (TranslateException | EngineException e) {
                Throwable cause = e;
                while (cause.getCause() != null && !(cause instanceof UserException)) {
                    cause = cause.getCause();
                }
                if (cause instanceof UserException user) {
                    throw user;
                }
                throw new UserException(spec.weights() + ": inference failed: " + firstLine(e), e);
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
