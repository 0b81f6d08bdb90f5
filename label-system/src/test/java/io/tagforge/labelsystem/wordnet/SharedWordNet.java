package io.tagforge.labelsystem.wordnet;

/** One WordNet per test JVM: opening it reads the index files, which every test class would repeat. */
public final class SharedWordNet {

    private static WordNet instance;

    private SharedWordNet() {
    }

    public static synchronized WordNet get() {
        if (instance == null) {
            instance = WordNet.open();
        }
        return instance;
    }
}
