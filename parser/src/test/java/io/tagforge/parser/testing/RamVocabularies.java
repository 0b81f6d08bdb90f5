package io.tagforge.parser.testing;

import io.tagforge.labelsystem.shareddata.SharedData;
import io.tagforge.labelsystem.vocabulary.InMemoryVocabulary;
import io.tagforge.labelsystem.vocabulary.RamVocabulary;

/** The label system's real RAM vocabulary (WordNet rules included), built once per test JVM. */
public final class RamVocabularies {

    private static InMemoryVocabulary ram;

    private RamVocabularies() {
    }

    public static synchronized InMemoryVocabulary ram() {
        if (ram == null) {
            ram = RamVocabulary.load(SharedData.dir().resolve("ram"));
        }
        return ram;
    }
}
