package io.tagforge.labelsystem.wordnet;

import java.util.List;

/**
 * One WordNet synset: its lemmas in WordNet's order (multiword lemmas with spaces, case as in WordNet), gloss and
 * lexicographer file ({@code noun.artifact}, {@code noun.cognition}, {@code verb.contact}...), which says what
 * sort of thing it is. {@code offset} and {@code pos} together identify it.
 */
public record Synset(int offset, PartOfSpeech pos, List<String> lemmas, String gloss, String lexicalFile) {

    /** A stable, readable key such as {@code n02086723} (evidence in synonym proposals). */
    public String key() {
        return String.format("%c%08d", pos.tag(), offset);
    }
}
