package io.tagforge.labelsystem.wordnet;

/**
 * One sense of one word: the word (lemma, spaces for multiword ones), WordNet's sense key naming the pair
 * ({@code mouse%1:06:00::}: stable across WordNet's files, where a synset offset is not) and the synset.
 */
public record WordSense(String lemma, String senseKey, Synset synset) {
}
