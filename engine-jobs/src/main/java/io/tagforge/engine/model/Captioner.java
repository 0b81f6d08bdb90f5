package io.tagforge.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.translate.TranslatorContext;
import io.tagforge.labelsystem.error.TagforgeException;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A caption model: image → text. model.json {@code layout} says how: {@code token-ids} (the default, one
 * TorchScript graph returning token ids [B, L], turned into words with the model.json {@code vocabulary} up to
 * the end token) or {@code encoder-decoder} ({@link EncoderDecoder}: BLIP-style, searched token by token here).
 */
public final class Captioner implements AutoCloseable {

    private final ModelSpec spec;
    private final Preprocessing preprocessing;
    private final Layout layout;

    private Captioner(ModelSpec spec, ModelDevice device, int batchSize) {
        spec.require(ModelTask.CAPTIONER);
        this.spec = spec;
        this.preprocessing = new Preprocessing(spec);
        PreparedImage probe = ImageBatchTranslator.blank(preprocessing);
        String layout = spec.layout("token-ids");
        this.layout = switch (layout) {
            case "token-ids" -> new TokenIds(device, batchSize, probe);
            case "encoder-decoder" -> EncoderDecoder.load(spec, device, batchSize, probe);
            default -> throw new TagforgeException(spec.file() + ": field layout is '" + layout
                    + "', expected token-ids or encoder-decoder");
        };
    }

    public static Captioner load(Path folder, ModelDevice device, int batchSize) {
        return new Captioner(ModelSpec.read(folder), device, batchSize);
    }

    public List<String> caption(List<BufferedImage> images) {
        return captionPrepared(images.stream().map(preprocessing::prepare).toList());
    }

    /** Captions of images prepared with {@link #preprocessing()}. */
    public List<String> captionPrepared(List<PreparedImage> images) {
        return layout.caption(images);
    }

    public Preprocessing preprocessing() {
        return preprocessing;
    }

    public ModelSpec spec() {
        return spec;
    }

    @Override
    public void close() {
        layout.close();
    }

    /** How a caption model's outputs become text. */
    interface Layout extends AutoCloseable {

        List<String> caption(List<PreparedImage> images);

        @Override
        void close();
    }

    /** The layout {@code token-ids}. */
    private final class TokenIds extends ImageBatchTranslator<PreparedImage, String> implements Layout {

        private final int length;
        private final int endToken;
        private final List<String> vocabulary;
        private final ModelRunner<PreparedImage, String> runner;

        TokenIds(ModelDevice device, int batchSize, PreparedImage probe) {
            super(Captioner.this.spec);
            this.length = spec.outputSize("token_ids");
            this.endToken = spec.json().path("output").path("end_token").asInt(0);
            this.vocabulary = spec.strings("vocabulary");
            this.runner = ModelRunner.load(spec, device, this, batchSize, probe);
        }

        @Override
        public List<String> caption(List<PreparedImage> images) {
            return runner.predict(images);
        }

        @Override
        public void close() {
            runner.close();
        }

        @Override
        public NDList processInput(TranslatorContext ctx, List<PreparedImage> images) {
            return new NDList(pixels(ctx.getNDManager(), images).pixels());
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
                        throw new TagforgeException(spec.weights() + ": token id " + id + " outside the "
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
