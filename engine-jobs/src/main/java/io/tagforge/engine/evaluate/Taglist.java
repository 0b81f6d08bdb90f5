package io.tagforge.engine.evaluate;

import io.tagforge.labelsystem.error.TagforgeException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The classes of an evaluation, one per line as in RAM's {@code *_taglist.txt}. Several entries may share one
 * name (a test set's categories mapped many-to-one onto a label system): as in RAM's {@code get_mAP}, every entry
 * is its own class with its own score column, and an annotated name marks all of its entries.
 */
public final class Taglist {

    private final Path file;
    private final List<String> entries;
    private final Map<String, int[]> entriesByName;

    private Taglist(Path file, List<String> entries) {
        this.file = file;
        this.entries = List.copyOf(entries);
        Map<String, List<Integer>> grouped = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            grouped.computeIfAbsent(entries.get(i), k -> new ArrayList<>()).add(i);
        }
        this.entriesByName = new LinkedHashMap<>();
        grouped.forEach((name, idx) -> entriesByName.put(name, idx.stream().mapToInt(Integer::intValue).toArray()));
    }

    public static Taglist read(Path file) {
        List<String> entries = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                String name = line.strip();
                if (name.isEmpty()) {
                    throw new TagforgeException(file + ":" + number + ": empty tag name");
                }
                if (name.contains(",")) {
                    throw new TagforgeException(file + ":" + number + ": tag name \"" + name
                            + "\" contains a comma, which the annotation format cannot hold");
                }
                entries.add(name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read taglist " + file + ": " + e.getMessage(), e);
        }
        if (entries.isEmpty()) {
            throw new TagforgeException(file + ": the taglist is empty");
        }
        return new Taglist(file, entries);
    }

    public Path file() {
        return file;
    }

    /** Number of entries: the columns of a score matrix. */
    public int size() {
        return entries.size();
    }

    public String name(int entry) {
        return entries.get(entry);
    }

    /** The entries that carry this name, or null when the taglist does not know it. */
    int[] entries(String name) {
        return entriesByName.get(name);
    }

    /** Distinct names in order of first appearance. */
    List<String> names() {
        return List.copyOf(entriesByName.keySet());
    }
}
