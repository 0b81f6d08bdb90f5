package io.tagforge.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagforge.labelsystem.error.TagforgeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A model folder's {@code model.json}: task, engine ({@code PyTorch} for {@code model.pt} TorchScript,
 * {@code OnnxRuntime} for {@code model.onnx}), input size, mean/std and the task's output layout:
 * <ul>
 * <li>tagger: {@code output.probabilities} (N, one per tag of the release the model was trained on),
 * optional {@code release};
 * <li>captioner: {@code layout} {@code token-ids} (the default) with {@code output.token_ids} (L),
 * {@code output.end_token}, {@code vocabulary} (id → word), or {@code encoder-decoder} ({@link EncoderDecoder});
 * <li>detector: {@code layout} {@code categories} (the default; TorchScript or ONNX) with {@code categories} (the
 * phrases it takes, by index) and {@code output.boxes_per_category}, or {@code grounding-dino} (ONNX) with
 * {@code output.queries} (Q), {@code output.text_tokens} (256) and a {@code tokenizer.json} beside the weights;
 * both with {@code box_threshold} (default 0.35), and {@code text_threshold} (default 0.25) for grounding-dino;
 * <li>embedder: {@code output.features} (D), optional {@code output.name} and {@code output.pooling},
 * {@code normalize} (L2, default false).
 * </ul>
 * How images are resized is {@link Preprocessing}'s part of model.json.
 */
public record ModelSpec(Path folder, ModelTask task, String engine, String name, int width, int height,
        float[] mean, float[] std, JsonNode json) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ModelSpec read(Path folder) {
        Path file = folder.resolve("model.json");
        if (!Files.isRegularFile(file)) {
            throw new TagforgeException(folder + ": not a model folder (expected model.json beside the weights)");
        }
        JsonNode json;
        try {
            json = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new TagforgeException(file + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        ModelTask task = parseTask(file, text(file, json, "task"));
        String engine = text(file, json, "engine");
        if (!engine.equals("PyTorch") && !engine.equals("OnnxRuntime")) {
            throw new TagforgeException(file + ": field engine is '" + engine + "', expected PyTorch or OnnxRuntime");
        }
        JsonNode size = json.path("input_size");
        if (!size.isArray() || size.size() != 2 || !size.get(0).canConvertToInt() || size.get(0).asInt() < 1
                || size.get(1).asInt() < 1) {
            throw new TagforgeException(file + ": field input_size must be [height, width] in pixels, was " + size);
        }
        String name = json.path("name").asText(folder.getFileName().toString());
        return new ModelSpec(folder, task, engine, name, size.get(1).asInt(), size.get(0).asInt(),
                triple(file, json, "mean"), triple(file, json, "std"), json);
    }

    /** The weights file the engine loads. */
    public Path weights() {
        return weights("model");
    }

    /** The weights of one part of a model made of several ({@code encoder}, {@code decoder}). */
    Path weights(String part) {
        return folder.resolve(part + (engine.equals("PyTorch") ? ".pt" : ".onnx"));
    }

    /** How the model's inputs and outputs are laid out beyond the task, e.g. a detector's {@code grounding-dino}. */
    String layout(String fallback) {
        JsonNode node = json.path("layout");
        return node.isMissingNode() ? fallback : node.asText();
    }

    /** A positive integer under {@code output}, e.g. {@code output.probabilities}. */
    int outputSize(String field) {
        JsonNode node = json.path("output").path(field);
        if (!node.canConvertToInt() || node.asInt() < 1) {
            throw new TagforgeException(file() + ": field output." + field + " must be a positive integer, was " + node);
        }
        return node.asInt();
    }

    List<String> strings(String field) {
        JsonNode node = json.path(field);
        if (!node.isArray() || node.isEmpty()) {
            throw new TagforgeException(file() + ": field " + field + " must be a non-empty list of strings");
        }
        List<String> values = new ArrayList<>();
        node.forEach(v -> values.add(v.asText()));
        return values;
    }

    float number(String field, float fallback) {
        JsonNode node = json.path(field);
        if (node.isMissingNode()) {
            return fallback;
        }
        if (!node.isNumber() || node.floatValue() < 0 || node.floatValue() > 1) {
            throw new TagforgeException(file() + ": field " + field + " must be a number in [0, 1], was " + node);
        }
        return node.floatValue();
    }

    Path file() {
        return folder.resolve("model.json");
    }

    void require(ModelTask expected) {
        if (task != expected) {
            throw new TagforgeException(file() + ": field task is " + task.name().toLowerCase(Locale.ROOT)
                    + ", expected " + expected.name().toLowerCase(Locale.ROOT));
        }
    }

    private static ModelTask parseTask(Path file, String task) {
        try {
            return ModelTask.valueOf(task.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TagforgeException(file + ": field task is '" + task + "', expected tagger, captioner, detector or embedder");
        }
    }

    private static String text(Path file, JsonNode json, String field) {
        JsonNode node = json.path(field);
        if (!node.isTextual()) {
            throw new TagforgeException(file + ": field " + field + " missing or not a string");
        }
        return node.asText();
    }

    private static float[] triple(Path file, JsonNode json, String field) {
        JsonNode node = json.path(field);
        if (!node.isArray() || node.size() != 3) {
            throw new TagforgeException(file + ": field " + field + " must be 3 numbers (R, G, B), was " + node);
        }
        float[] values = new float[3];
        for (int i = 0; i < 3; i++) {
            values[i] = node.get(i).floatValue();
        }
        if (field.equals("std") && (values[0] <= 0 || values[1] <= 0 || values[2] <= 0)) {
            throw new TagforgeException(file + ": field std must be positive, was " + node);
        }
        return values;
    }
}
