package io.tagforge.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.TranslatorContext;
import io.tagforge.engine.cli.UserException;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/** A tagging head (RAM / Tag2Text): image → one probability per tag of a release, in release order. */
public final class Tagger implements AutoCloseable {

    private final ModelSpec spec;
    private final int classes;
    private final ModelRunner<BufferedImage, float[]> runner;

    private Tagger(ModelSpec spec, int batchSize) {
        spec.require(ModelTask.TAGGER);
        this.spec = spec;
        this.classes = spec.outputSize("probabilities");
        this.runner = ModelRunner.load(spec, new TaggerTranslator(), batchSize, ImageBatchTranslator.blank());
    }

    /** Loads and checks the model with one blank image: a wrongly shaped output fails here. */
    public static Tagger load(Path folder, int batchSize) {
        return new Tagger(ModelSpec.read(folder), batchSize);
    }

    public List<float[]> predict(List<BufferedImage> images) {
        return runner.predict(images);
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

    private final class TaggerTranslator extends ImageBatchTranslator<BufferedImage, float[]> {

        TaggerTranslator() {
            super(Tagger.this.spec);
        }

        @Override
        public NDList processInput(TranslatorContext ctx, List<BufferedImage> images) {
            return new NDList(pixels(ctx.getNDManager(), images));
        }

        @Override
        public List<float[]> processOutput(TranslatorContext ctx, NDList list) {
            NDArray probabilities = list.singletonOrThrow();
            checkShape("output probabilities", probabilities, -1, classes);
            float[] flat = probabilities.toFloatArray();
            for (float v : flat) {
                if (!(v >= 0 && v <= 1)) {
                    throw new UserException(spec.weights() + ": output value " + v
                            + " is not a probability in [0, 1] (a tagger must end in a sigmoid)");
                }
            }
            return rows(flat, classes);
        }
    }
}
