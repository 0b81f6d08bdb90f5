package io.tagforge.labelsystem.vocabulary;

import io.tagforge.labelsystem.mapping.SurfaceMappings;
import io.tagforge.labelsystem.ramformat.RamTagList;
import io.tagforge.labelsystem.tag.TagKind;
import io.tagforge.labelsystem.wordnet.WordNet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A vocabulary straight from a RAM tag-list folder (its {@code ram_tag_list.txt}), without a database: for the
 * parser's tests and for lookups before anything was imported. Tag ids are 1-based line numbers, which are the
 * ids a first {@code vocab import-ram} into an empty database gives the same tags; every tag is OBJECT_SCENE
 * because RAM's list does not say (a Tag2Text list beside it gives the kinds a word's reading must fit, see
 * {@link TagReadings}). The curated surface mappings are the seed a new database starts with.
 */
public final class RamVocabulary {

    public static final String TAG_LIST = RamTagList.NAMES_FILE;

    private RamVocabulary() {
    }

    /**
     * Builds from {@code ramDir}/ram_tag_list.txt with default options and WordNet from its default cache; a bad
     * list fails with a {@link io.tagforge.labelsystem.ramformat.TagListException} naming the line.
     */
    public static InMemoryVocabulary load(Path ramDir) {
        try (WordNet wordNet = WordNet.open()) {
            return load(ramDir, wordNet, LookupOptions.defaults());
        }
    }

    public static InMemoryVocabulary load(Path ramDir, WordNet wordNet, LookupOptions options) {
        return InMemoryVocabulary.build(names(ramDir), SurfaceMappings.seed(), wordNet, options, TagReadings.in(ramDir));
    }

    static List<VocabularyName> names(Path ramDir) {
        List<String> lines = RamTagList.readNames(ramDir).lines();
        List<VocabularyName> names = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            names.add(VocabularyName.primary(i + 1, lines.get(i), TagKind.OBJECT_SCENE));
        }
        return names;
    }
}
