package io.tagforge.labelsystem.vocabulary;

/** Why a surface form resolved to a tag, strongest first. */
public enum MatchRule {
    /** the tag's primary name */
    EXACT,
    /** a synonym the label system knows (WordNet-merged, manual or imported name) */
    SYNONYM,
    /** the WordNet base form of the surface is a name (mice → mouse) */
    BASE_FORM,
    /** the surface shares a WordNet synset with a tag name (first senses preferred) */
    WORDNET_SYNONYM,
    /**
     * the first WordNet sense of the surface has exactly one hyponym that is a name (refrigerator → fridge):
     * WordNet makes "fridge" a kind of refrigerator, and a tag list that has only the specific name means it
     */
    HYPONYM,
    /** a WordNet hypernym of the surface, within the configured depth, is a name (puppy → dog) */
    HYPERNYM
}
