package io.tagforge.engine.model;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.TranslatorContext;
import com.fasterxml.jackson.databind.JsonNode;
import io.tagforge.labelsystem.error.TagforgeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The captioner layout {@code encoder-decoder} (BLIP, Tag2Text's caption head): {@code encoder} (.onnx or .pt
 * as model.json's engine says) takes {@code pixel_values} [B, 3, H, W] and returns hidden states [B, S, D]
 * (its first output, or {@code last_hidden_state}); {@code decoder} takes {@code input_ids} and
 * {@code attention_mask} [N, L] int64 and {@code encoder_hidden_states} [N, S, D] and returns next-token logits
 * [N, L, V] (or [N, V] for the last position). The decoder starts from {@code bos_token_id} and the tokens of
 * {@code prompt}, searches with {@link CaptionSearch} ({@code generation}: {@code num_beams} 3,
 * {@code max_length} 30, {@code min_length} 5, {@code repetition_penalty} 1.0 by default — BLIP's), stops at
 * {@code eos_token_id}, and the tokens after the prompt are turned into text by the folder's
 * {@code tokenizer.json} (WordPiece pieces merged, special tokens dropped). The decoder is run again over the
 * whole sequence at each step (no key/value cache); all sequences of a step have one length, so nothing is
 * padded and {@code pad_token_id} is only checked to be a special token of the tokenizer.
 */
final class EncoderDecoder implements Captioner.Layout {

    private final ModelSpec spec;
    private final HuggingFaceTokenizer tokenizer;
    private final CaptionSearch search;
    private final long[] start;
    private final ModelRunner<PreparedImage, Hidden> encoder;
    private final ModelRunner<Step, float[]> decoder;

    /** One image's hidden states [tokens, dimension]. */
    record Hidden(float[] values, int tokens, int dimension) {
    }

    /** A decoder input: a sequence and the hidden states of its image. */
    record Step(long[] ids, Hidden hidden) {
    }

    private EncoderDecoder(ModelSpec spec, HuggingFaceTokenizer tokenizer, ModelDevice device, int batchSize,
            PreparedImage probe) {
        this.spec = spec;
        this.tokenizer = tokenizer;
        JsonNode json = spec.json();
        JsonNode generation = json.path("generation");
        this.search = new CaptionSearch(generation.path("num_beams").asInt(3), generation.path("max_length").asInt(30),
                generation.path("min_length").asInt(5), (float) generation.path("repetition_penalty").asDouble(1.0),
                tokenId(json, "eos_token_id"));
        long bos = tokenId(json, "bos_token_id");
        tokenId(json, "pad_token_id");
        String prompt = json.path("prompt").asText("");
        long[] promptIds = prompt.isBlank() ? new long[0] : tokenizer.encode(prompt, false, false).getIds();
        this.start = new long[promptIds.length + 1];
        start[0] = bos;
        System.arraycopy(promptIds, 0, start, 1, promptIds.length);
        if (search.beams() < 1 || search.maxLength() <= start.length || search.minLength() < 0) {
            throw new TagforgeException(spec.file() + ": field generation needs num_beams ≥ 1, min_length ≥ 0 and "
                    + "max_length above the " + start.length + " tokens of BOS and prompt");
        }
        this.encoder = ModelRunner.load(spec, "encoder", device, new EncoderTranslator(), batchSize, probe);
        Hidden hidden = encoder.predict(List.of(probe)).get(0);
        ModelRunner<Step, float[]> loaded = null;
        try {
            loaded = ModelRunner.load(spec, "decoder", device, new DecoderTranslator(), batchSize * search.beams(),
                    new Step(start, hidden));
        } finally {
            if (loaded == null) {
                encoder.close();
            }
        }
        this.decoder = loaded;
    }

    static EncoderDecoder load(ModelSpec spec, ModelDevice device, int batchSize, PreparedImage probe) {
        Path file = spec.folder().resolve("tokenizer.json");
        if (!Files.isRegularFile(file)) {
            throw new TagforgeException(file + ": missing (layout encoder-decoder turns token ids into text with the "
                    + "export's tokenizer.json)");
        }
        HuggingFaceTokenizer tokenizer = PhraseTokenizer.open(file);
        try {
            return new EncoderDecoder(spec, tokenizer, device, batchSize, probe);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    @Override
    public List<String> caption(List<PreparedImage> images) {
        List<Hidden> hidden = encoder.predict(images);
        List<long[]> best = search.search(images.size(), start,
                sequences -> decoder.predict(sequences.stream()
                        .map(s -> new Step(s.ids(), hidden.get(s.image()))).toList()));
        List<String> captions = new ArrayList<>();
        for (long[] ids : best) {
            captions.add(tokenizer.decode(Arrays.copyOfRange(ids, start.length, ids.length), true).strip());
        }
        return captions;
    }

    @Override
    public void close() {
        decoder.close();
        encoder.close();
        tokenizer.close();
    }

    private long tokenId(JsonNode json, String field) {
        JsonNode node = json.path(field);
        if (!node.canConvertToLong() || node.asLong() < 0 || tokenizer.decode(new long[] {node.asLong()}, false).isEmpty()) {
            throw new TagforgeException(spec.file() + ": field " + field + " must be a token id of tokenizer.json, was "
                    + node);
        }
        return node.asLong();
    }

    private final class EncoderTranslator extends ImageBatchTranslator<PreparedImage, Hidden> {

        EncoderTranslator() {
            super(EncoderDecoder.this.spec);
        }

        @Override
        public NDList processInput(TranslatorContext ctx, List<PreparedImage> images) {
            NDArray pixels = pixels(ctx.getNDManager(), images).pixels();
            pixels.setName("pixel_values");
            return new NDList(pixels);
        }

        @Override
        public List<Hidden> processOutput(TranslatorContext ctx, NDList list) {
            NDArray states = list.get("last_hidden_state") != null ? list.get("last_hidden_state") : list.get(0);
            if (states.getShape().dimension() != 3) {
                throw new TagforgeException(spec.weights("encoder") + ": returns " + states.getShape()
                        + ", layout encoder-decoder expects hidden states [batch, tokens, dimension]");
            }
            int tokens = (int) states.getShape().get(1);
            int dimension = (int) states.getShape().get(2);
            float[] flat = states.toFloatArray();
            List<Hidden> result = new ArrayList<>();
            for (int b = 0; b < flat.length / (tokens * dimension); b++) {
                result.add(new Hidden(Arrays.copyOfRange(flat, b * tokens * dimension, (b + 1) * tokens * dimension),
                        tokens, dimension));
            }
            return result;
        }
    }

    private final class DecoderTranslator extends ImageBatchTranslator<Step, float[]> {

        DecoderTranslator() {
            super(EncoderDecoder.this.spec);
        }

        @Override
        public NDList processInput(TranslatorContext ctx, List<Step> steps) {
            NDManager manager = ctx.getNDManager();
            int length = steps.get(0).ids().length;
            Hidden first = steps.get(0).hidden();
            long[] ids = new long[steps.size() * length];
            float[] states = new float[steps.size() * first.values().length];
            for (int i = 0; i < steps.size(); i++) {
                System.arraycopy(steps.get(i).ids(), 0, ids, i * length, length);
                System.arraycopy(steps.get(i).hidden().values(), 0, states, i * first.values().length,
                        first.values().length);
            }
            long[] ones = new long[ids.length];
            Arrays.fill(ones, 1);
            Shape text = new Shape(steps.size(), length);
            NDArray inputIds = manager.create(ids, text);
            inputIds.setName("input_ids");
            NDArray mask = manager.create(ones, text);
            mask.setName("attention_mask");
            NDArray hidden = manager.create(states, new Shape(steps.size(), first.tokens(), first.dimension()));
            hidden.setName("encoder_hidden_states");
            return new NDList(inputIds, mask, hidden);
        }

        @Override
        public List<float[]> processOutput(TranslatorContext ctx, NDList list) {
            NDArray logits = list.get("logits") != null ? list.get("logits") : list.get(0);
            long[] shape = logits.getShape().getShape();
            if (shape.length != 2 && shape.length != 3) {
                throw new TagforgeException(spec.weights("decoder") + ": returns logits " + logits.getShape()
                        + ", layout encoder-decoder expects [sequences, length, vocabulary] or [sequences, vocabulary]");
            }
            int vocabulary = (int) shape[shape.length - 1];
            float[] flat = logits.toFloatArray();
            int rows = (int) shape[0];
            int positions = shape.length == 3 ? (int) shape[1] : 1;
            List<float[]> result = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                int last = (r * positions + positions - 1) * vocabulary;
                result.add(Arrays.copyOfRange(flat, last, last + vocabulary));
            }
            return result;
        }
    }
}
