package io.tagforge.labelsystem.vocabulary;

import edu.mit.jwi.item.POS;

/** Parts of speech as bits, so that a table entry carries the set of them in one int. */
final class PartsOfSpeech {

    static final int NOUN = bit(POS.NOUN);
    static final int VERB = bit(POS.VERB);
    static final int ADJECTIVE = bit(POS.ADJECTIVE);

    private PartsOfSpeech() {
    }

    static int bit(POS pos) {
        return 1 << pos.ordinal();
    }
}
