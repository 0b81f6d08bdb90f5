package io.tagforge.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.TranslatorContext;
import io.tagforge.labelsystem.error.TagforgeException;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An image encoder (CLIP-style): crop → feature vector [D], L2-normalized when model.json says normalize. The
 * features are the output named {@code output.name} (default: the first); a 3-D output [B, T, D] (a vision
 * transformer's hidden states) is pooled as {@code output.pooling} says: {@code cls} (token 0) or {@code mean}
 * (over the tokens).
 */
public final class Embedder implements AutoCloseable {

    private final ModelSpec spec;
    private final int dimension;
    private final boolean normalize;
    private final String output;
    private final String pooling;
    private final Preprocessing preprocessing;
    private final ModelRunner<PreparedImage, float[]> runner;

    private Embedder(ModelSpec spec, ModelDevice device, int batchSize) {
        spec.require(ModelTask.EMBEDDER);
        this.spec = spec;
        this.dimension = spec.outputSize("features");
        this.normalize = spec.json().path("normalize").asBoolean(false);
        this.output = spec.json().path("output").path("name").asText(null);
        this.pooling = spec.json().path("output").path("pooling").asText(null);
        if (pooling != null && !pooling.equals("cls") && !pooling.equals("mean")) {
            throw new TagforgeException(spec.file() + ": field output.pooling is '" + pooling + "', expected cls or mean");
        }
        this.preprocessing = new Preprocessing(spec);
        this.runner = ModelRunner.load(spec, device, new EmbedderTranslator(), batchSize,
                ImageBatchTranslator.blank(preprocessing));
    }

    public static Embedder load(Path folder, ModelDevice device, int batchSize) {
        return new Embedder(ModelSpec.read(folder), device, batchSize);
    }

    public List<float[]> embed(List<BufferedImage> crops) {
        return embedPrepared(crops.stream().map(preprocessing::prepare).toList());
    }

    public List<float[]> embedPrepared(List<PreparedImage> crops) {
        return runner.predict(crops);
    }

    public Preprocessing preprocessing() {
        return preprocessing;
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

    private final class EmbedderTranslator extends ImageBatchTranslator<PreparedImage, float[]> {

        EmbedderTranslator() {
            super(Embedder.this.spec);
        }

        @Override
        public NDList processInput(TranslatorContext ctx, List<PreparedImage> crops) {
            return new NDList(pixels(ctx.getNDManager(), crops).pixels());
        }

        @Override
        public List<float[]> processOutput(TranslatorContext ctx, NDList list) {
            NDArray features = output == null ? list.get(0) : list.get(output);
            if (features == null) {
                throw new TagforgeException(spec.weights() + ": has no output named '" + output + "' (model.json "
                        + "output.name); its outputs are " + list.stream().map(NDArray::getName).toList());
            }
            List<float[]> result;
            if (features.getShape().dimension() == 3) {
                if (pooling == null) {
                    throw new TagforgeException(spec.weights() + ": output features has shape " + features.getShape()
                            + ", tokens × features: model.json must say output.pooling, cls or mean");
                }
                checkShape("output features", features, -1, -1, dimension);
                result = pool(features.toFloatArray(), (int) features.getShape().get(1));
            } else {
                checkShape("output features", features, -1, dimension);
                result = rows(features.toFloatArray(), dimension);
            }
            if (normalize) {
                result.forEach(Embedder::normalize);
            }
            return result;
        }
    }

    /** [B, tokens, D] → [B, D]: token 0, or the mean over the tokens. */
    private List<float[]> pool(float[] flat, int tokens) {
        List<float[]> result = new ArrayList<>();
        for (int b = 0; b < flat.length / (tokens * dimension); b++) {
            int base = b * tokens * dimension;
            float[] v = Arrays.copyOfRange(flat, base, base + dimension);
            if (pooling.equals("mean")) {
                for (int t = 1; t < tokens; t++) {
                    for (int d = 0; d < dimension; d++) {
                        v[d] += flat[base + t * dimension + d];
                    }
                }
                for (int d = 0; d < dimension; d++) {
                    v[d] /= tokens;
                }
            }
            result.add(v);
        }
        return result;
    }

    private static void normalize(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float scale = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0;
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
    }
}
