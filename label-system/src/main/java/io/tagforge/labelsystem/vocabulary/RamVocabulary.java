package io.tagforge.labelsystem.vocabulary;

import io.tagforge.labelsystem.tag.TagKind;
import io.tagforge.labelsystem.wordnet.WordNet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A vocabulary straight from a RAM tag-list folder (its {@code ram_tag_list.txt}), without a database: for the
 * parser's tests and for lookups before anything was imported. Tag ids are 1-based line numbers, which are the
 * ids a first {@code vocab import-ram} into an empty database gives the same tags; every tag is OBJECT_SCENE
 * because RAM's list does not say.
 */
public final class RamVocabulary {

    public static final String TAG_LIST = "ram_tag_list.txt";

    private RamVocabulary() {
    }

    /** Builds from {@code ramDir}/ram_tag_list.txt with default options and WordNet from its default cache. */
    public static InMemoryVocabulary load(Path ramDir) {
        try (WordNet wordNet = WordNet.open()) {
            return load(ramDir, wordNet, LookupOptions.defaults());
        }
    }

    public static InMemoryVocabulary load(Path ramDir, WordNet wordNet, LookupOptions options) {
        return InMemoryVocabulary.build(names(ramDir.resolve(TAG_LIST)), wordNet, options);
    }

    static List<VocabularyName> names(Path tagList) {
        List<String> lines;
        try {
            lines = Files.readAllLines(tagList, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tagList + ": " + e.getMessage(), e);
        }
        List<VocabularyName> names = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String name = lines.get(i).strip();
            if (name.isEmpty()) {
                throw new IllegalArgumentException(tagList + " line " + (i + 1) + ": blank tag name");
            }
            names.add(VocabularyName.primary(i + 1, name, TagKind.OBJECT_SCENE));
        }
        return names;
    }
}
