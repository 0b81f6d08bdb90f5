package io.tagforge.labelsystem.wordnet;

import java.util.List;
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
    private static final Set<String> AGENTS = Set.of("noun.person", "noun.animal");
    /**
     * the groups above groups of beings ("a family", "a herd", "a crowd", "people"); a group of things ("a table"
     * of figures, "a bunch" of bananas, "a row") does not act
     */
    private static final Set<String> GROUPS_OF_BEINGS = Set.of("social group", "biological group", "people",
            "multitude");
    private static final String GROUP = "noun.group";
    /** social group sits at most a few steps above any group of people in WordNet 3.1 */
    private static final int GROUP_DEPTH = 8;
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
        String file = synset.lexicalFile();
        if (AGENTS.contains(file)) {
            return true;
        }
        if (file.equals(GROUP)) {
            return isGroupOfBeings(synset, wordNet);
        }
        if (!file.equals(TOPS)) {
            return false;
        }
        // most kinds of person, animal and organism are beings; one of food's fifteen is (yolk, an animal part)
        List<Synset> kinds = wordNet.hyponyms(synset);
        return 2 * kinds.stream().filter(kind -> AGENTS.contains(kind.lexicalFile())).count() > kinds.size();
    }

    private static boolean isGroupOfBeings(Synset group, WordNet wordNet) {
        if (GROUPS_OF_BEINGS.contains(group.lemmas().get(0))) {
            return true;
        }
        return wordNet.hypernymChains(group, GROUP_DEPTH).stream().flatMap(List::stream)
                .anyMatch(above -> GROUPS_OF_BEINGS.contains(above.lemmas().get(0)));
    }
}
