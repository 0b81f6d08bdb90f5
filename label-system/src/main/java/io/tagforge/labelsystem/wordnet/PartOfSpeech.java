package io.tagforge.labelsystem.wordnet;

/**
 * WordNet's parts of speech, in WordNet's order, as Tagforge names them: the rest of the code speaks this, not the
 * WordNet library's own type, so that the library stays replaceable behind {@link WordNet}.
 */
public enum PartOfSpeech {
    NOUN('n'),
    VERB('v'),
    ADJECTIVE('a'),
    ADVERB('r');

    private final char tag;

    PartOfSpeech(char tag) {
        this.tag = tag;
    }

    /** WordNet's letter for it, the first character of a {@link Synset#key()} */
    public char tag() {
        return tag;
    }

    /** The part of speech of a WordNet letter; 's' (an adjective satellite) is an adjective. */
    public static PartOfSpeech ofTag(char tag) {
        for (PartOfSpeech pos : values()) {
            if (pos.tag == tag) {
                return pos;
            }
        }
        if (tag == 's') {
            return ADJECTIVE;
        }
        throw new IllegalArgumentException("no WordNet part of speech '" + tag + "'");
    }
}
