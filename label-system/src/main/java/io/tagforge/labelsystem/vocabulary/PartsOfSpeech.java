package io.tagforge.labelsystem.vocabulary;

import io.tagforge.labelsystem.wordnet.PartOfSpeech;

/** Parts of speech as bits, so that a table entry carries the set of them in one int. */
final class PartsOfSpeech {

    static final int NOUN = bit(PartOfSpeech.NOUN);
    static final int VERB = bit(PartOfSpeech.VERB);
    static final int ADJECTIVE = bit(PartOfSpeech.ADJECTIVE);

    private PartsOfSpeech() {
    }

    static int bit(PartOfSpeech pos) {
        return 1 << pos.ordinal();
    }
}
