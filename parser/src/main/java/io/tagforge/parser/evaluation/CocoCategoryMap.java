package io.tagforge.parser.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Tag names → COCO's 80 categories, from the table {@code coco-categories.tsv} beside this class. */
public final class CocoCategoryMap {

    private final Map<String, String> categoryOfTag;

    private CocoCategoryMap(Map<String, String> categoryOfTag) {
        this.categoryOfTag = categoryOfTag;
    }

    public static CocoCategoryMap load() {
        Map<String, String> map = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                CocoCategoryMap.class.getResourceAsStream("coco-categories.tsv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                map.put(cols[0].toLowerCase(Locale.ROOT), cols[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CocoCategoryMap(map);
    }

    /** The categories the tags name; tags of no category are left out. */
    public Set<String> categories(Collection<String> tagNames) {
        Set<String> categories = new TreeSet<>();
        for (String tag : tagNames) {
            String category = categoryOfTag.get(tag.toLowerCase(Locale.ROOT));
            if (category != null) {
                categories.add(category);
            }
        }
        return categories;
    }

    public int size() {
        return categoryOfTag.size();
    }
}
