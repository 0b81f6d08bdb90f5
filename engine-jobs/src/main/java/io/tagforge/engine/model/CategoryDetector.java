package io.tagforge.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.TranslatorContext;
import io.tagforge.labelsystem.error.TagforgeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The detector layout {@code categories}: phrases are indices into model.json {@code categories} ([B, C]
 * int64, -1 pads) and the model returns boxes [B, C, Q, 4] (xyxy) and scores [B, C, Q]; phrases the model does
 * not list are not asked ({@link #knows}).
 */
final class CategoryDetector implements Detector.Layout {

    private final ModelSpec spec;
    private final Map<String, Integer> categories = new HashMap<>();
    private final int perCategory;
    private final float boxThreshold;
    private final Preprocessing preprocessing;
    private final ModelRunner<Detector.Request, List<Detection>> runner;

    CategoryDetector(ModelSpec spec, ModelDevice device, int batchSize) {
        this.spec = spec;
        List<String> names = spec.strings("categories");
        for (int i = 0; i < names.size(); i++) {
            categories.put(names.get(i).toLowerCase(Locale.ROOT), i);
        }
        this.perCategory = spec.outputSize("boxes_per_category");
        this.boxThreshold = spec.number("box_threshold", 0.35f);
        this.preprocessing = new Preprocessing(spec);
        this.runner = ModelRunner.load(spec, device, new CategoryTranslator(), batchSize,
                new Detector.Request(ImageBatchTranslator.blank(), names.subList(0, 1)));
    }

    @Override
    public boolean knows(String phrase) {
        return categories.containsKey(phrase.toLowerCase(Locale.ROOT));
    }

    @Override
    public List<List<Detection>> detect(List<Detector.Request> requests) {
        return runner.predict(requests);
    }

    @Override
    public void close() {
        runner.close();
    }

    private final class CategoryTranslator extends ImageBatchTranslator<Detector.Request, List<Detection>> {

        CategoryTranslator() {
            super(CategoryDetector.this.spec);
        }

        @Override
        public NDList processInput(TranslatorContext ctx, List<Detector.Request> batch) {
            int width = Math.max(1, batch.stream().mapToInt(r -> r.phrases().size()).max().orElse(1));
            long[] indices = new long[batch.size() * width];
            Arrays.fill(indices, -1);
            for (int b = 0; b < batch.size(); b++) {
                List<String> phrases = batch.get(b).phrases();
                for (int c = 0; c < phrases.size(); c++) {
                    Integer index = categories.get(phrases.get(c).toLowerCase(Locale.ROOT));
                    if (index == null) {
                        throw new IllegalArgumentException("detector " + spec.name() + " does not know '"
                                + phrases.get(c) + "'; ask knows() first");
                    }
                    indices[b * width + c] = index;
                }
            }
            ctx.setAttachment("requests", batch);
            ctx.setAttachment("width", width);
            List<PreparedImage> images = batch.stream().map(r -> preprocessing.prepare(r.image())).toList();
            return new NDList(pixels(ctx.getNDManager(), images).pixels(),
                    ctx.getNDManager().create(indices, new Shape(batch.size(), width)));
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<List<Detection>> processOutput(TranslatorContext ctx, NDList list) {
            List<Detector.Request> requests = (List<Detector.Request>) ctx.getAttachment("requests");
            int width = (Integer) ctx.getAttachment("width");
            if (list.size() != 2) {
                throw new TagforgeException(spec.weights() + ": returns " + list.size()
                        + " outputs, model.json promises 2 (boxes, scores)");
            }
            NDArray boxes = list.get(0);
            NDArray scores = list.get(1);
            checkShape("output boxes", boxes, requests.size(), width, perCategory, 4);
            checkShape("output scores", scores, requests.size(), width, perCategory);
            float[] box = boxes.toFloatArray();
            float[] score = scores.toFloatArray();
            List<List<Detection>> result = new ArrayList<>();
            for (int b = 0; b < requests.size(); b++) {
                List<Detection> found = new ArrayList<>();
                List<String> phrases = requests.get(b).phrases();
                for (int c = 0; c < phrases.size(); c++) {
                    List<Detection> ofPhrase = new ArrayList<>();
                    for (int q = 0; q < perCategory; q++) {
                        int at = (b * width + c) * perCategory + q;
                        if (score[at] >= boxThreshold) {
                            ofPhrase.add(new Detection(phrases.get(c), Detection.clamp(box[at * 4]),
                                    Detection.clamp(box[at * 4 + 1]), Detection.clamp(box[at * 4 + 2]),
                                    Detection.clamp(box[at * 4 + 3]), Math.min(1f, score[at])));
                        }
                    }
                    ofPhrase.sort((x, y) -> Float.compare(y.score(), x.score()));
                    found.addAll(ofPhrase);
                }
                result.add(found);
            }
            return result;
        }
    }
}
