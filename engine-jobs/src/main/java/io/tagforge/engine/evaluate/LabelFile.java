package io.tagforge.engine.evaluate;

import io.tagforge.labelsystem.error.TagforgeException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Images and their tags in RAM's annotation format ({@code image,tag,tag,...} per line, the format of
 * {@code *_ram_annots.txt} and of RAM's {@code pred.txt}), as one set of taglist entries per image.
 */
final class LabelFile {

    private final Path file;
    private final List<String> images;
    private final List<BitSet> labels;
    private final int skippedTags;

    private LabelFile(Path file, List<String> images, List<BitSet> labels, int skippedTags) {
        this.file = file;
        this.images = images;
        this.labels = labels;
        this.skippedTags = skippedTags;
    }

    /**
     * Reads the file; a tag the taglist lacks is an error naming file and line, or is dropped and counted when
     * {@code skipUnknown}.
     */
    static LabelFile read(Path file, Taglist taglist, boolean skipUnknown) {
        List<String> images = new ArrayList<>();
        List<BitSet> labels = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        int skipped = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                String[] fields = line.strip().split(",", -1);
                String image = fields[0].strip();
                if (image.isEmpty()) {
                    throw new TagforgeException(file + ":" + number + ": no image name at the start of the line");
                }
                Integer seen = firstLine.putIfAbsent(image, number);
                if (seen != null) {
                    throw new TagforgeException(file + ":" + number + ": image " + image
                            + " appears again (first on line " + seen + ")");
                }
                BitSet tags = new BitSet(taglist.size());
                for (int f = 1; f < fields.length; f++) {
                    int[] entries = taglist.entries(fields[f].strip());
                    if (entries == null) {
                        if (!skipUnknown) {
                            throw new TagforgeException(file + ":" + number + ": tag \"" + fields[f].strip()
                                    + "\" is not in the taglist " + taglist.file() + " (skipping unknown tags drops it)");
                        }
                        skipped++;
                        continue;
                    }
                    for (int entry : entries) {
                        tags.set(entry);
                    }
                }
                images.add(image);
                labels.add(tags);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (images.isEmpty()) {
            throw new TagforgeException(file + ": no images");
        }
        return new LabelFile(file, images, labels, skipped);
    }

    /**
     * RAM pairs predictions with the ground truth by line: the {@code index}-th image of {@code other} must be
     * this file's {@code index}-th image.
     */
    void requireImageAt(int index, String image, Path other, long line) {
        if (index >= images.size()) {
            throw new TagforgeException(other + ":" + line + ": image " + image + " is beyond the " + images.size()
                    + " images of " + file);
        }
        if (!images.get(index).equals(image)) {
            throw new TagforgeException(other + ":" + line + ": image " + image + " where " + file + ":" + (index + 1)
                    + " has " + images.get(index) + " (images must be in the ground truth's order)");
        }
    }

    /** After {@link #requireImageAt} for each of {@code count} images: none of this file's may be missing. */
    void requireCount(int count, Path other) {
        if (count < images.size()) {
            throw new TagforgeException(other + ": " + count + " images, " + file + " has " + images.size()
                    + "; the first missing is " + images.get(count) + " (" + file + ":" + (count + 1) + ")");
        }
    }

    /** Predictions in the annotation format: same images, same order. */
    void requireSameImages(LabelFile predictions) {
        for (int i = 0; i < predictions.size(); i++) {
            requireImageAt(i, predictions.images.get(i), predictions.file, i + 1);
        }
        requireCount(predictions.size(), predictions.file);
    }

    Path file() {
        return file;
    }

    int size() {
        return images.size();
    }

    List<String> images() {
        return images;
    }

    BitSet labels(int image) {
        return labels.get(image);
    }

    int skippedTags() {
        return skippedTags;
    }
}
