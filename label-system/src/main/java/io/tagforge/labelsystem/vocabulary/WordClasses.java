package io.tagforge.labelsystem.vocabulary;

import io.tagforge.labelsystem.wordnet.PartOfSpeech;
import io.tagforge.labelsystem.wordnet.LexicalFiles;
import io.tagforge.labelsystem.wordnet.Synset;
import io.tagforge.labelsystem.wordnet.WordNet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The word classes the caption rules ask WordNet about, read once when a vocabulary is built (lookups never
 * touch WordNet): nouns whose most frequent sense is no being that acts, verbs whose most frequent sense is
 * a posture or a state, and the nouns that name a photograph or picture.
 */
final class WordClasses {

    /** the verb senses of posture and position: to sit, stand, lie, rest, hang */
    private static final Set<String> STATE_VERB_FILES = Set.of("verb.contact", "verb.stative");
    /** how far below "photograph" and "picture" a kind of picture may lie (closeup, snapshot) */
    private static final int DEPICTION_DEPTH = 2;

    private final Set<String> inanimate;
    private final Set<String> stateVerbs;
    private final Set<String> depictions;

    private WordClasses(Set<String> inanimate, Set<String> stateVerbs, Set<String> depictions) {
        this.inanimate = inanimate;
        this.stateVerbs = stateVerbs;
        this.depictions = depictions;
    }

    static WordClasses read(WordNet wordNet) {
        Set<String> inanimate = new HashSet<>();
        for (Synset synset : wordNet.allSynsets(PartOfSpeech.NOUN)) {
            if (!LexicalFiles.isAgent(synset, wordNet)) {
                addFirstSenseLemmas(wordNet, synset, inanimate);
            }
        }
        Set<String> stateVerbs = new HashSet<>();
        for (Synset synset : wordNet.allSynsets(PartOfSpeech.VERB)) {
            if (STATE_VERB_FILES.contains(synset.lexicalFile())) {
                addFirstSenseLemmas(wordNet, synset, stateVerbs);
            }
        }
        return new WordClasses(inanimate, stateVerbs, depictions(wordNet));
    }

    private static void addFirstSenseLemmas(WordNet wordNet, Synset synset, Set<String> into) {
        for (String lemma : synset.lemmas()) {
            if (wordNet.senseRank(lemma, synset) == 0) {
                into.add(lemma.toLowerCase(Locale.ROOT));
            }
        }
    }

    /** the lemmas of the first senses of "photograph" and "picture" and of their kinds */
    private static Set<String> depictions(WordNet wordNet) {
        Set<String> lemmas = new HashSet<>();
        List<Synset> level = new ArrayList<>();
        for (String seed : List.of("photograph", "picture")) {
            level.add(wordNet.senses(seed, PartOfSpeech.NOUN).get(0));
        }
        for (int depth = 0; depth <= DEPICTION_DEPTH; depth++) {
            List<Synset> next = new ArrayList<>();
            for (Synset synset : level) {
                synset.lemmas().forEach(l -> lemmas.add(l.toLowerCase(Locale.ROOT)));
                next.addAll(wordNet.hyponyms(synset));
            }
            level = next;
        }
        return Set.copyOf(lemmas);
    }

    boolean isInanimate(String noun) {
        return inanimate.contains(noun.toLowerCase(Locale.ROOT));
    }

    boolean isStateVerb(String verb) {
        return stateVerbs.contains(verb.toLowerCase(Locale.ROOT));
    }

    boolean isDepiction(String noun) {
        return depictions.contains(noun.toLowerCase(Locale.ROOT));
    }
}
