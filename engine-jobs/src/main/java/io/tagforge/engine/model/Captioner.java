package io.tagforge.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.translate.TranslatorContext;
import io.tagforge.engine.cli.UserException;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A caption decoder (Tag2Text / BLIP): image → token ids [B, L], turned into text with the model.json
 * vocabulary up to the end token.
 */
public final class Captioner implements AutoCloseable {

    private final ModelSpec spec;
    private final int length;
    private final int endToken;
    private final List<String> vocabulary;
    private final ModelRunner<BufferedImage, String> runner;

    private Captioner(ModelSpec spec, int batchSize) {
        spec.require(ModelTask.CAPTIONER);
        this.spec = spec;
        this.length = spec.outputSize("token_ids");
        this.endToken = spec.json().path("output").path("end_token").asInt(0);
        this.vocabulary = spec.strings("vocabulary");
        this.runner = ModelRunner.load(spec, new CaptionTranslator(), batchSize, ImageBatchTranslator.blank());
    }

    public static Captioner load(Path folder, int batchSize) {
        return new Captioner(ModelSpec.read(folder), batchSize);
    }

    public List<String> caption(List<BufferedImage> images) {
        return runner.predict(images);
    }

    public ModelSpec spec() {
        return spec;
    }

    @Override
    public void close() {
        runner.close();
    }

    private final class CaptionTranslator extends ImageBatchTranslator<BufferedImage, String> {

        CaptionTranslator() {
            super(Captioner.this.spec);
        }

        @Override
        public NDList processInput(TranslatorContext ctx, List<BufferedImage> images) {
            return new NDList(pixels(ctx.getNDManager(), images));
        }

        @Override
        public List<String> processOutput(TranslatorContext ctx, NDList list) {
            NDArray ids = list.singletonOrThrow();
            checkShape("output token_ids", ids, -1, length);
            long[] flat = ids.toType(DataType.INT64, false).toLongArray();
            List<String> captions = new ArrayList<>();
            for (int row = 0; row < flat.length / length; row++) {
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < length; i++) {
                    long id = flat[row * length + i];
                    if (id == endToken) {
                        break;
                    }
                    if (id < 0 || id >= vocabulary.size()) {
                        throw new UserException(spec.weights() + ": token id " + id + " outside the "
                                + vocabulary.size() + "-word vocabulary of model.json");
                    }
                    text.append(text.isEmpty() ? "" : " ").append(vocabulary.get((int) id));
                }
                captions.add(text.toString());
            }
            return captions;
        }
    }
}
