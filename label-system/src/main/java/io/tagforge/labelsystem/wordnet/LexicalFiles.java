package io.tagforge.labelsystem.wordnet;

import java.util.Set;

/**
 * What WordNet's lexicographer files say about whether a sense can be seen in a picture. A caption's noun read
 * in an abstract sense (time, cognition, communication...) names nothing visible, so a WordNet link through
 * that sense ("background" as knowledge → panorama, "one" as a number) is a wrong tag.
 */
public final class LexicalFiles {

    /**
     * noun senses that are ideas, acts, relations, amounts or states, never a thing in the picture (the unique
     * beginners, noun.Tops, are not: person, animal and plant are among them)
     */
    private static final Set<String> ABSTRACT_NOUNS = Set.of("noun.act", "noun.attribute",
            "noun.cognition", "noun.communication", "noun.event", "noun.feeling", "noun.motive", "noun.possession",
            "noun.process", "noun.quantity", "noun.relation", "noun.shape", "noun.state", "noun.time");

    /**
     * noun senses that are bounded things, whose kinds are kinds of the thing (a puppy is a dog); the hypernym
     * of a place, a substance or a group is a wider region, stuff or gathering ("top" → surface, "air" → gas)
     */
    private static final Set<String> THINGS = Set.of("noun.animal", "noun.artifact", "noun.body", "noun.food",
            "noun.object", "noun.person", "noun.plant");

    /** noun senses of beings that act: they sit, stand and look, where an object only rests or is placed */
    private static final Set<String> AGENTS = Set.of("noun.person", "noun.animal", "noun.group");
    private static final String TOPS = "noun.Tops";

    private LexicalFiles() {
    }

    public static boolean isAbstract(Synset synset) {
        return ABSTRACT_NOUNS.contains(synset.lexicalFile());
    }

    public static boolean isThing(Synset synset) {
        return THINGS.contains(synset.lexicalFile());
    }

    /**
     * Whether the sense is a being that acts: a person, an animal, a group of them, or one of the unique
     * beginners above them (person, animal, organism) that WordNet files under noun.Tops.
     */
    public static boolean isAgent(Synset synset, WordNet wordNet) {
        if (AGENTS.contains(synset.lexicalFile())) {
            return true;
        }
        return synset.lexicalFile().equals(TOPS)
                && wordNet.hyponyms(synset).stream().anyMatch(kind -> AGENTS.contains(kind.lexicalFile()));
    }
}
