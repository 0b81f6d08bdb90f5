package io.tagforge.labelsystem.vocabulary;

import io.tagforge.labelsystem.wordnet.PartOfSpeech;
import io.tagforge.labelsystem.wordnet.WordNet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves inflected forms ("dogs", "mice", "teddy bears", "sitting") to table entries at lookup time, as
 * WordNet's morphy does: the irregular forms of WordNet's exception lists, then its detachment rules, both from
 * {@link WordNet}. Only the last word of a multiword form inflects. A candidate base form counts only when it is
 * a table entry of the part of speech whose rule produced it, so "news" never becomes "new". What is Tagforge's
 * own is which candidate wins: irregular forms first, then nouns, verbs, adjectives, and for one part of speech
 * the candidate that keeps most of the word ("riding" → ride before rid); a one-letter base is none ("as" ↛ a).
 */
final class BaseForms {

    private record Stem(String base, int partOfSpeech) {
    }

    /** the parts of speech that inflect, in the order their candidates are tried */
    private static final List<PartOfSpeech> INFLECTING =
            List.of(PartOfSpeech.NOUN, PartOfSpeech.VERB, PartOfSpeech.ADJECTIVE);
    private static final Comparator<String> MOST_OF_THE_WORD_FIRST = Comparator.comparingInt(String::length).reversed();

    private final Map<String, Entry> table;
    /** irregular last word → its base forms, only those that lead to a table entry */
    private final Map<String, List<Stem>> irregular;
    /** last word → its regular candidates in the order tried: a parse meets the same words again and again */
    private final Map<String, List<Stem>> regular = new ConcurrentHashMap<>();
    /**
     * every multiword key's words before the last, with the trailing space: most n-grams a parser tries
     * ("a man riding") fail this one probe instead of allocating a candidate per rule
     */
    private final Set<String> heads;

    private BaseForms(Map<String, Entry> table, Map<String, List<Stem>> irregular) {
        this.table = table;
        this.irregular = irregular;
        this.heads = new HashSet<>();
        for (String key : table.keySet()) {
            heads.add(key.substring(0, key.lastIndexOf(' ') + 1));
        }
    }

    static BaseForms over(Map<String, Entry> table, WordNet wordNet) {
        Map<String, List<Stem>> irregular = new HashMap<>();
        for (PartOfSpeech pos : INFLECTING) {
            int bit = PartsOfSpeech.bit(pos);
            wordNet.exceptions(pos).forEach((surface, bases) -> {
                for (String base : bases) {
                    Entry entry = table.get(SurfaceKey.of(base));
                    if (entry != null && (entry.partsOfSpeech() & bit) != 0) {
                        irregular.computeIfAbsent(SurfaceKey.of(surface), k -> new ArrayList<>())
                                .add(new Stem(SurfaceKey.of(base), bit));
                    }
                }
            });
        }
        irregular.replaceAll((k, v) -> List.copyOf(v));
        return new BaseForms(table, Map.copyOf(irregular));
    }

    /** the matches of the first base form of {@code key} that has any, as BASE_FORM; empty when none */
    List<TagMatch> resolve(String key) {
        return resolve(key, true);
    }

    /**
     * Lets base forms beat what WordNet alone gave a key that is itself a lemma: an irregular form always
     * ("men" is a WordNet lemma, "work force", yet means man), a regular one only over the weak hypernym and
     * hyponym rules ("holding" → hold rather than "activity"; "glasses" keeps its own sense).
     */
    void preferBaseForms() {
        Map<String, Entry> better = new HashMap<>();
        table.forEach((key, entry) -> {
            MatchRule own = entry.matches().get(0).rule();
            if (own.compareTo(MatchRule.BASE_FORM) > 0) {
                List<TagMatch> base = resolve(key, own.compareTo(MatchRule.WORDNET_SYNONYM) > 0);
                if (!base.isEmpty() && base.get(0).rule().compareTo(own) < 0) {
                    better.put(key, new Entry(base, base, entry.partsOfSpeech()));
                }
            }
        });
        table.putAll(better);
    }

    private List<TagMatch> resolve(String key, boolean regularToo) {
        int space = key.lastIndexOf(' ');
        String head = key.substring(0, space + 1);
        if (!heads.contains(head)) {
            return List.of();
        }
        String last = space < 0 ? key : key.substring(space + 1);
        List<Stem> stems = irregular.get(last);
        if (stems != null) {
            for (Stem stem : stems) {
                List<TagMatch> found = lookup(head.isEmpty() ? stem.base() : head + stem.base(), stem.partOfSpeech());
                if (found != null) {
                    return found;
                }
            }
        }
        for (Stem stem : regularToo ? regular.computeIfAbsent(last, BaseForms::regularStems) : List.<Stem>of()) {
            List<TagMatch> found = lookup(head.isEmpty() ? stem.base() : head + stem.base(), stem.partOfSpeech());
            if (found != null) {
                return found;
            }
        }
        return List.of();
    }

    private static List<Stem> regularStems(String word) {
        List<Stem> stems = new ArrayList<>();
        for (PartOfSpeech pos : INFLECTING) {
            int bit = PartsOfSpeech.bit(pos);
            WordNet.detachedForms(word, pos).stream()
                    .filter(base -> base.length() > 1)
                    .sorted(MOST_OF_THE_WORD_FIRST)
                    .forEach(base -> stems.add(new Stem(base, bit)));
        }
        return List.copyOf(stems);
    }

    private List<TagMatch> lookup(String base, int partOfSpeech) {
        Entry entry = table.get(base);
        return entry != null && (entry.partsOfSpeech() & partOfSpeech) != 0 ? entry.viaBaseForm() : null;
    }
}
