package io.tagforge.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.TranslatorContext;
import io.tagforge.labelsystem.error.TagforgeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The detector layout {@code grounding-dino}: Grounding-DINO exported to ONNX (DESIGN.md, model contracts). An
 * image's phrases become one prompt, "dog . couch . fire hydrant .", tokenized with the folder's
 * {@code tokenizer.json}; more phrases than {@code output.text_tokens} (256) tokens hold are split over
 * several prompts, each one run on the image, and their detections merged. The model takes
 * {@code pixel_values} [B, 3, H, W] (model.json mean/std), {@code input_ids}, {@code attention_mask},
 * {@code token_type_ids} [B, T] int64 (prompts of a batch padded to the longest), and {@code pixel_mask}
 * [B, H, W] (1 on the image, 0 on a batch's padding, see {@link Preprocessing}) when it asks for one, as the
 * Transformers.js export does; it returns {@code logits}
 * [B, Q, 256] and {@code pred_boxes} [B, Q, 4], read by {@link GroundingOutputs}.
 */
final class GroundingDino implements Detector.Layout {

    private static final List<String> INPUTS = List.of("pixel_values", "input_ids", "attention_mask", "token_type_ids");
    private static final String PIXEL_MASK = "pixel_mask";

    private final ModelSpec spec;
    private final PhraseTokenizer tokenizer;
    private final int queries;
    private final int textTokens;
    private final float boxThreshold;
    private final float textThreshold;
    private final Preprocessing preprocessing;
    private final ModelRunner<Run, List<Detection>> runner;

    private GroundingDino(ModelSpec spec, PhraseTokenizer tokenizer, ModelDevice device, int batchSize) {
        this.spec = spec;
        this.tokenizer = tokenizer;
        this.queries = spec.outputSize("queries");
        this.textTokens = spec.outputSize("text_tokens");
        this.boxThreshold = spec.number("box_threshold", 0.35f);
        this.textThreshold = spec.number("text_threshold", 0.25f);
        this.preprocessing = new Preprocessing(spec);
        GroundingPrompt probe = GroundingPrompt.pack(List.of("object"), tokenizer, textTokens).get(0);
        this.runner = ModelRunner.load(spec, device, new GroundingTranslator(), batchSize,
                new Run(ImageBatchTranslator.blank(preprocessing), probe));
    }

    static GroundingDino load(ModelSpec spec, ModelDevice device, int batchSize) {
        if (!spec.engine().equals("OnnxRuntime")) {
            throw new TagforgeException(spec.file() + ": layout grounding-dino needs engine OnnxRuntime (Grounding-DINO "
                    + "cannot be TorchScripted), was " + spec.engine());
        }
        Path file = spec.folder().resolve("tokenizer.json");
        if (!Files.isRegularFile(file)) {
            throw new TagforgeException(file + ": missing (layout grounding-dino tokenizes its prompts with the "
                    + "tokenizer.json that comes with the export)");
        }
        PhraseTokenizer tokenizer = PhraseTokenizer.load(file);
        try {
            return new GroundingDino(spec, tokenizer, device, batchSize);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /** A phrase with a token in the vocabulary that fits a prompt of its own. */
    @Override
    public boolean knows(String phrase) {
        return tokenizer.known(phrase) && tokenizer.ids(phrase).length + 3 <= textTokens;
    }

    @Override
    public List<List<Detection>> detect(List<Detector.Request> requests) {
        List<Run> runs = new ArrayList<>();
        int[] firstRun = new int[requests.size() + 1];
        for (int i = 0; i < requests.size(); i++) {
            Detector.Request request = requests.get(i);
            PreparedImage image = preprocessing.prepare(request.image());
            for (GroundingPrompt prompt : GroundingPrompt.pack(request.phrases(), tokenizer, textTokens)) {
                runs.add(new Run(image, prompt));
            }
            firstRun[i + 1] = runs.size();
        }
        List<List<Detection>> found = runs.isEmpty() ? List.of() : runner.predict(runs);
        List<List<Detection>> result = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            Map<String, Integer> order = new HashMap<>();
            List<String> phrases = requests.get(i).phrases();
            for (int p = phrases.size() - 1; p >= 0; p--) {
                order.put(phrases.get(p).toLowerCase(Locale.ROOT).strip(), p);
            }
            List<Detection> merged = new ArrayList<>();
            found.subList(firstRun[i], firstRun[i + 1]).forEach(merged::addAll);
            merged.sort(Comparator.<Detection>comparingInt(d -> order.get(d.phrase().toLowerCase(Locale.ROOT).strip()))
                    .thenComparing(Comparator.comparingDouble(Detection::score).reversed()));
            result.add(merged);
        }
        return result;
    }

    @Override
    public void close() {
        runner.close();
        tokenizer.close();
    }

    /** One model run: an image and one of its prompts. */
    record Run(PreparedImage image, GroundingPrompt prompt) {
    }

    private final class GroundingTranslator extends ImageBatchTranslator<Run, List<Detection>> {

        private boolean pixelMask;

        GroundingTranslator() {
            super(GroundingDino.this.spec);
        }

        /** The export's inputs, checked by name once, before the first run. */
        @Override
        public void prepare(TranslatorContext ctx) {
            List<String> names = ctx.getModel().describeInput().keys();
            pixelMask = names.contains(PIXEL_MASK);
            List<String> expected = new ArrayList<>(INPUTS);
            if (pixelMask) {
                expected.add(PIXEL_MASK);
            }
            if (!names.containsAll(INPUTS) || names.size() != expected.size()) {
                throw new TagforgeException(spec.weights() + ": takes inputs " + names + ", layout grounding-dino expects "
                        + String.join(", ", INPUTS) + " (and optionally " + PIXEL_MASK + ")");
            }
        }

        @Override
        public NDList processInput(TranslatorContext ctx, List<Run> batch) {
            int length = batch.stream().mapToInt(r -> r.prompt().length()).max().orElse(0);
            long[] ids = new long[batch.size() * length];
            long[] attention = new long[ids.length];
            for (int b = 0; b < batch.size(); b++) {
                long[] prompt = batch.get(b).prompt().ids();
                System.arraycopy(prompt, 0, ids, b * length, prompt.length);
                Arrays.fill(attention, b * length, b * length + prompt.length, 1);
            }
            NDManager manager = ctx.getNDManager();
            Shape text = new Shape(batch.size(), length);
            PixelBatch pixels = pixels(manager, batch.stream().map(Run::image).toList());
            NDList inputs = new NDList(
                    named(pixels.pixels(), "pixel_values"),
                    named(manager.create(ids, text), "input_ids"),
                    named(manager.create(attention, text), "attention_mask"),
                    named(manager.create(new long[ids.length], text), "token_type_ids"));
            if (pixelMask) {
                inputs.add(named(pixels.mask(manager), PIXEL_MASK));
            }
            ctx.setAttachment("runs", batch);
            ctx.setAttachment("pixels", pixels);
            return inputs;
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<List<Detection>> processOutput(TranslatorContext ctx, NDList list) {
            List<Run> runs = (List<Run>) ctx.getAttachment("runs");
            PixelBatch pixels = (PixelBatch) ctx.getAttachment("pixels");
            NDArray logits = list.get("logits");
            NDArray boxes = list.get("pred_boxes");
            if (logits == null || boxes == null) {
                List<String> names = list.stream().map(NDArray::getName).toList();
                throw new TagforgeException(spec.weights() + ": returns outputs " + names
                        + ", layout grounding-dino expects logits and pred_boxes");
            }
            checkShape("output logits", logits, runs.size(), queries, textTokens);
            checkShape("output pred_boxes", boxes, runs.size(), queries, 4);
            float[] logit = logits.toFloatArray();
            float[] box = boxes.toFloatArray();
            List<List<Detection>> result = new ArrayList<>();
            for (int b = 0; b < runs.size(); b++) {
                // with a pixel mask the model places boxes in the image's own pixels (DETR's masked position
                // encoding); without one, in the padded canvas, which is mapped back to the image here
                PreparedImage image = runs.get(b).image();
                float scaleX = pixelMask ? 1 : (float) pixels.width() / image.width();
                float scaleY = pixelMask ? 1 : (float) pixels.height() / image.height();
                result.add(GroundingOutputs.decode(runs.get(b).prompt(), logit, box, b, queries, textTokens,
                        boxThreshold, textThreshold, scaleX, scaleY));
            }
            return result;
        }

        private static NDArray named(NDArray array, String name) {
            array.setName(name);
            return array;
        }
    }
}
