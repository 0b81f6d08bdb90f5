package io.tagforge.parser.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Reads a COCO captions file and its instances file into images with captions and present categories. */
public final class CocoImages {

    private CocoImages() {
    }

    /** The images that have both captions and an entry in the instances file, in image id order. */
    public static List<CocoImage> read(Path captionsJson, Path instancesJson) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode instances = json.readTree(instancesJson.toFile());
        Map<Long, String> categoryNames = new HashMap<>();
        for (JsonNode c : required(instances, "categories", instancesJson)) {
            categoryNames.put(c.get("id").asLong(), c.get("name").asText());
        }
        Map<Long, Set<String>> present = new TreeMap<>();
        for (JsonNode image : required(instances, "images", instancesJson)) {
            present.put(image.get("id").asLong(), new TreeSet<>());
        }
        for (JsonNode a : required(instances, "annotations", instancesJson)) {
            Set<String> categories = present.get(a.get("image_id").asLong());
            if (categories != null) {
                categories.add(categoryNames.get(a.get("category_id").asLong()));
            }
        }
        Map<Long, List<String>> captions = new HashMap<>();
        for (JsonNode a : required(json.readTree(captionsJson.toFile()), "annotations", captionsJson)) {
            captions.computeIfAbsent(a.get("image_id").asLong(), id -> new ArrayList<>()).add(a.get("caption").asText());
        }
        List<CocoImage> images = new ArrayList<>();
        present.forEach((id, categories) -> {
            if (captions.containsKey(id)) {
                images.add(new CocoImage(id, List.copyOf(captions.get(id)), Set.copyOf(categories)));
            }
        });
        return images;
    }

    private static JsonNode required(JsonNode root, String field, Path file) throws IOException {
        JsonNode node = root.get(field);
        if (node == null || !node.isArray()) {
            throw new IOException(file + ": no array field \"" + field + "\"");
        }
        return node;
    }
}
