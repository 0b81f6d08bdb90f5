package io.tagforge.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.TranslatorContext;
import io.tagforge.labelsystem.error.TagforgeException;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/** A tagging head (RAM / Tag2Text): image → one probability per tag of a release, in release order. */
public final class Tagger implements AutoCloseable {

    private final ModelSpec spec;
    private final int classes;
    private final Preprocessing preprocessing;
    private final ModelRunner<PreparedImage, float[]> runner;

    private Tagger(ModelSpec spec, ModelDevice device, int batchSize) {
        spec.require(ModelTask.TAGGER);
        this.spec = spec;
        this.classes = spec.outputSize("probabilities");
        this.preprocessing = new Preprocessing(spec);
        this.runner = ModelRunner.load(spec, device, new TaggerTranslator(), batchSize,
                ImageBatchTranslator.blank(preprocessing));
    }

    /** Loads and checks the model with one blank image: a wrongly shaped output fails here. */
    public static Tagger load(Path folder, ModelDevice device, int batchSize) {
        return new Tagger(ModelSpec.read(folder), device, batchSize);
    }

    public List<float[]> predict(List<BufferedImage> images) {
        return predictPrepared(images.stream().map(preprocessing::prepare).toList());
    }

    /** Probabilities of images prepared with {@link #preprocessing()}, e.g. on other threads. */
    public List<float[]> predictPrepared(List<PreparedImage> images) {
        return runner.predict(images);
    }

    public Preprocessing preprocessing() {
        return preprocessing;
    }

    public int classCount() {
        return classes;
    }

    public ModelSpec spec() {
        return spec;
    }

    @Override
    public void close() {
        runner.close();
    }

    private final class TaggerTranslator extends ImageBatchTranslator<PreparedImage, float[]> {

        TaggerTranslator() {
            super(Tagger.this.spec);
        }

        @Override
        public NDList processInput(TranslatorContext ctx, List<PreparedImage> images) {
            return new NDList(pixels(ctx.getNDManager(), images).pixels());
        }

        @Override
        public List<float[]> processOutput(TranslatorContext ctx, NDList list) {
            NDArray probabilities = list.singletonOrThrow();
            checkShape("output probabilities", probabilities, -1, classes);
            float[] flat = probabilities.toFloatArray();
            for (float v : flat) {
                if (!(v >= 0 && v <= 1)) {
                    throw new TagforgeException(spec.weights() + ": output value " + v
                            + " is not a probability in [0, 1] (a tagger must end in a sigmoid)");
                }
            }
            return rows(flat, classes);
        }
    }
}
