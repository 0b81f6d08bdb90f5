package io.tagforge.engine.regions;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagforge.labelsystem.error.TagforgeException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads detections in COCO results format, one element at a time (results files run to millions):
 * {@code [{"image_id": 139, "category_id": 18 | "category_name": "dog", "bbox": [x, y, w, h], "score": 0.9}]},
 * boxes in pixels. A malformed element fails with the file, the element's index and the field.
 */
final class CocoDetections {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One detection; {@code category} is the name, resolved through the categories file when given by id. */
    record Detection(int index, String imageId, String category, double x, double y, double w, double h, float score) {
    }

    private CocoDetections() {
    }

    /** COCO annotations' {@code categories: [{id, name}]}, for results that give category ids. */
    static Map<Integer, String> categoryNames(Path annotations) {
        try {
            JsonNode categories = JSON.readTree(annotations.toFile()).path("categories");
            if (!categories.isArray()) {
                throw new TagforgeException(annotations + ": no categories list (expected COCO annotations JSON)");
            }
            Map<Integer, String> names = new HashMap<>();
            categories.forEach(c -> names.put(c.path("id").asInt(), c.path("name").asText()));
            return names;
        } catch (IOException e) {
            throw new TagforgeException(annotations + ": cannot read: " + e.getMessage(), e);
        }
    }

    static void read(Path file, Map<Integer, String> categoryNames, Consumer<Detection> sink) {
        try (JsonParser parser = JSON.getFactory().createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new TagforgeException(file + ": expected a JSON array of detections");
            }
            int index = 0;
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                sink.accept(detection(file, index++, parser.readValueAsTree(), categoryNames));
            }
            if (parser.currentToken() != JsonToken.END_ARRAY) {
                throw new TagforgeException(file + ": element " + index + ": expected an object");
            }
        } catch (IOException e) {
            throw new TagforgeException(file + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private static Detection detection(Path file, int index, JsonNode node, Map<Integer, String> categoryNames) {
        String where = file + ": element " + index + ": field ";
        JsonNode image = node.path("image_id");
        if (!image.isNumber() && !image.isTextual()) {
            throw new TagforgeException(where + "image_id missing");
        }
        String category;
        if (node.path("category_name").isTextual()) {
            category = node.path("category_name").asText();
        } else if (node.path("category_id").canConvertToInt()) {
            if (categoryNames == null) {
                throw new TagforgeException(where + "category_id given, but no categories file names the ids");
            }
            category = categoryNames.get(node.path("category_id").asInt());
            if (category == null) {
                throw new TagforgeException(where + "category_id " + node.path("category_id").asInt()
                        + " is not in the categories file");
            }
        } else {
            throw new TagforgeException(where + "category_id or category_name missing");
        }
        JsonNode bbox = node.path("bbox");
        if (!bbox.isArray() || bbox.size() != 4 || !bbox.get(0).isNumber() || !bbox.get(1).isNumber()
                || !bbox.get(2).isNumber() || !bbox.get(3).isNumber()) {
            throw new TagforgeException(where + "bbox must be [x, y, width, height] in pixels, was " + bbox);
        }
        JsonNode score = node.path("score");
        if (!score.isNumber() || score.doubleValue() < 0 || score.doubleValue() > 1) {
            throw new TagforgeException(where + "score must be a number in [0, 1], was " + score);
        }
        return new Detection(index, image.asText(), category, bbox.get(0).asDouble(), bbox.get(1).asDouble(),
                bbox.get(2).asDouble(), bbox.get(3).asDouble(), score.floatValue());
    }
}
