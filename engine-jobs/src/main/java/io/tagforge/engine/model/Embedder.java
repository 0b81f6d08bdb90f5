package io.tagforge.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.TranslatorContext;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/** An image encoder (CLIP-style): crop → feature vector [D], L2-normalized when model.json says normalize. */
public final class Embedder implements AutoCloseable {

    private final ModelSpec spec;
    private final int dimension;
    private final boolean normalize;
    private final ModelRunner<BufferedImage, float[]> runner;

    private Embedder(ModelSpec spec, int batchSize) {
        spec.require(ModelTask.EMBEDDER);
        this.spec = spec;
        this.dimension = spec.outputSize("features");
        this.normalize = spec.json().path("normalize").asBoolean(false);
        this.runner = ModelRunner.load(spec, new EmbedderTranslator(), batchSize, ImageBatchTranslator.blank());
    }

    public static Embedder load(Path folder, int batchSize) {
        return new Embedder(ModelSpec.read(folder), batchSize);
    }

    public List<float[]> embed(List<BufferedImage> crops) {
        return runner.predict(crops);
    }

    public int dimension() {
        return dimension;
    }

    public ModelSpec spec() {
        return spec;
    }

    @Override
    public void close() {
        runner.close();
    }

    private final class EmbedderTranslator extends ImageBatchTranslator<BufferedImage, float[]> {

        EmbedderTranslator() {
            super(Embedder.this.spec);
        }

        @Override
        public NDList processInput(TranslatorContext ctx, List<BufferedImage> crops) {
            return new NDList(pixels(ctx.getNDManager(), crops));
        }

        @Override
        public List<float[]> processOutput(TranslatorContext ctx, NDList list) {
            NDArray features = list.get(0);
            checkShape("output features", features, -1, dimension);
            List<float[]> result = rows(features.toFloatArray(), dimension);
            for (float[] v : result) {
                if (normalize) {
                    double norm = 0;
                    for (float x : v) {
                        norm += x * x;
                    }
                    float scale = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0;
                    for (int i = 0; i < dimension; i++) {
                        v[i] *= scale;
                    }
                }
            }
            return result;
        }
    }
}
