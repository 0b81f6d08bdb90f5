package io.tagforge.engine.model;

import io.tagforge.labelsystem.error.TagforgeException;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * An open-vocabulary detector: image + the phrases to look for → boxes (normalized xyxy) and scores, kept
 * above the box threshold (model.json {@code box_threshold}, default 0.35). All of an image's phrases go
 * in one call, so the detector runs once per image, not once per category.
 *
 * <p>model.json {@code layout} says how phrases reach the model: {@code categories} (the default,
 * {@link CategoryDetector}: indices into a fixed list) or {@code grounding-dino} ({@link GroundingDino}: a
 * tokenized text prompt, ONNX).
 */
public final class Detector implements AutoCloseable {

    private final ModelSpec spec;
    private final Layout layout;

    private Detector(ModelSpec spec, Layout layout) {
        this.spec = spec;
        this.layout = layout;
    }

    public static Detector load(Path folder, ModelDevice device, int batchSize) {
        ModelSpec spec = ModelSpec.read(folder);
        spec.require(ModelTask.DETECTOR);
        String layout = spec.layout("categories");
        return new Detector(spec, switch (layout) {
            case "categories" -> new CategoryDetector(spec, device, batchSize);
            case "grounding-dino" -> GroundingDino.load(spec, device, batchSize);
            default -> throw new TagforgeException(spec.file() + ": field layout is '" + layout
                    + "', expected categories or grounding-dino");
        });
    }

    /** Whether the model can look for this phrase. */
    public boolean knows(String phrase) {
        return layout.knows(phrase);
    }

    /** For each request, its detections above the box threshold, best first per phrase. */
    public List<List<Detection>> detect(List<Request> requests) {
        return layout.detect(requests);
    }

    public float boxThreshold() {
        return spec.number("box_threshold", 0.35f);
    }

    public ModelSpec spec() {
        return spec;
    }

    @Override
    public void close() {
        layout.close();
    }

    /** One image and the phrases to look for in it (only those the model {@link #knows}). */
    public record Request(BufferedImage image, List<String> phrases) {
    }

    /** How a detector's model takes phrases and returns regions. */
    interface Layout extends AutoCloseable {

        boolean knows(String phrase);

        List<List<Detection>> detect(List<Request> requests);

        @Override
        void close();
    }
}
