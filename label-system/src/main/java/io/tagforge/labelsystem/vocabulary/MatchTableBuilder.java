package io.tagforge.labelsystem.vocabulary;

import io.tagforge.labelsystem.wordnet.PartOfSpeech;
import io.tagforge.labelsystem.mapping.MappingAction;
import io.tagforge.labelsystem.mapping.SensePins;
import io.tagforge.labelsystem.mapping.SurfaceMapping;
import io.tagforge.labelsystem.tag.TagKind;
import io.tagforge.labelsystem.wordnet.LexicalFiles;
import io.tagforge.labelsystem.wordnet.Synset;
import io.tagforge.labelsystem.wordnet.WordNet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Precomputes every surface form WordNet can carry to a tag, so that a lookup is one hash probe. Works outwards
 * from the tag names: the synsets of each name's leading senses, their lemmas (WORDNET_SYNONYM), the lemmas of
 * their direct hypernyms (HYPONYM: refrigerator → fridge) and of their hyponyms down to the configured depth
 * (HYPERNYM: puppy → dog). Each key keeps the strongest direct matches, else the best WordNet candidate by
 * surface sense rank, rule, depth and name sense rank, in that order ("first senses preferred").
 */
final class MatchTableBuilder {

    /**
     * One way WordNet links a surface form to a tag: the surface's sense rank of the linking synset, the tag
     * name's sense rank of its synset, how many hypernym steps lie between, the part of speech, and where the
     * name stands in its synset (WordNet lists a synset's most usual word first).
     */
    private record Candidate(TagMatch match, int surfaceRank, int nameRank, int depth, int partOfSpeech,
                             int nameIndex) {
    }

    /** a tag name's sense */
    private record NameSense(VocabularyName name, int rank, int indexInSynset) {
    }

    /**
     * Lowest cost first, then the stronger rule, the surface's more frequent sense, nouns, the synset's leading
     * word. The cost weighs how far down the sense lists (surface 2 per rank, name 3 per rank) and how far up
     * the hierarchy (hyponym 2, hypernym 4 per step - 2) a link reaches. It is tuned so that a name's rarer
     * sense loses to a near hypernym (guy → man, not "cat" of cat's second sense) yet a synonym in a name's
     * third sense beats a hypernym two steps up (sidewalk → pavement, not path).
     */
    private static final Comparator<Candidate> RANK = Comparator.comparingInt(MatchTableBuilder::cost)
            .thenComparing(c -> c.match().rule())
            .thenComparingInt(Candidate::surfaceRank)
            .thenComparingInt(Candidate::partOfSpeech)
            .thenComparingInt(Candidate::nameIndex);

    /**
     * The best candidates of one key so far (a hypernym walk offers a key hundreds): the ties of the best
     * ordinary ones, the ties of the best HYPONYM ones, and every tag a HYPONYM candidate named.
     */
    private static final class Contest {
        private final List<Candidate> best = new ArrayList<>();
        private final List<Candidate> bestHyponym = new ArrayList<>();
        private final Set<Integer> hyponymTags = new HashSet<>();

        void offer(Candidate c) {
            if (c.match().rule() == MatchRule.HYPONYM) {
                hyponymTags.add(c.match().tagId());
                keepBest(bestHyponym, c);
            } else {
                keepBest(best, c);
            }
        }

        private static void keepBest(List<Candidate> ties, Candidate c) {
            int order = ties.isEmpty() ? -1 : RANK.compare(c, ties.get(0));
            if (order < 0) {
                ties.clear();
            }
            if (order <= 0 && ties.stream().noneMatch(t -> t.match().tagId() == c.match().tagId())) {
                ties.add(c);
            }
        }

        /**
         * The candidates that tie for best, one per tag, lowest tag id first. A HYPONYM candidate counts only
         * when it is the only tag any hyponym candidate named: "canine" has many tagged hyponyms and means none.
         */
        List<TagMatch> winners() {
            List<Candidate> ties = best;
            if (hyponymTags.size() == 1
                    && (best.isEmpty() || RANK.compare(bestHyponym.get(0), best.get(0)) < 0)) {
                ties = bestHyponym;
            }
            return ties.stream().map(Candidate::match).sorted(Comparator.comparingInt(TagMatch::tagId)).toList();
        }
    }

    private final WordNet wordNet;
    private final LookupOptions options;
    private final Map<String, List<TagMatch>> direct = new HashMap<>();
    /** per key, one contest per part of speech of the linking sense (indexed by its ordinal) */
    private final Map<String, Contest[]> candidates = new HashMap<>();
    private final Map<String, Integer> partsOfSpeech = new HashMap<>();
    /** the noun sense a curator pinned a word to: its WordNet links go through that sense alone */
    private Map<String, Synset> pins = Map.of();

    MatchTableBuilder(WordNet wordNet, LookupOptions options) {
        this.wordNet = wordNet;
        this.options = options;
    }

    Map<String, Entry> build(Collection<VocabularyName> names, List<SurfaceMapping> mappings) {
        pins = SensePins.bySurface(mappings, wordNet);
        Map<Synset, List<NameSense>> nameSenses = new LinkedHashMap<>();
        for (VocabularyName name : names) {
            addDirect(name);
            List<Synset> senses = wordNet.senses(name.form(), wordNet.partOfSpeech(name.form(), name.kind()));
            for (int rank = 0; rank < Math.min(senses.size(), options.maxNameSense()); rank++) {
                Synset sense = senses.get(rank);
                int index = indexIgnoringCase(sense.lemmas(), name.form());
                nameSenses.computeIfAbsent(sense, s -> new ArrayList<>()).add(new NameSense(name, rank, index));
            }
        }
        nameSenses.forEach(this::addWordNetCandidates);
        Map<String, Entry> table = new HashMap<>();
        Set<String> keys = new HashSet<>(direct.keySet());
        keys.addAll(candidates.keySet());
        for (String key : keys) {
            List<TagMatch> matches = direct.containsKey(key) ? sortedDirect(direct.get(key)) : winners(candidates.get(key));
            if (!matches.isEmpty()) {
                table.put(key, new Entry(matches, asBaseForm(matches), partsOfSpeech.getOrDefault(key, 0)));
            }
        }
        applyCuratedMappings(table, names, mappings);
        return table;
    }

    /**
     * The curated mappings over WordNet's candidates: an added one wins over them, never over a tag's own names
     * unless a block took those from the surface ("track" ↛ track, "track" → train track); a block takes its tag
     * (or, without one, every tag) from the surface, names included.
     */
    private void applyCuratedMappings(Map<String, Entry> table, Collection<VocabularyName> names,
                                      List<SurfaceMapping> mappings) {
        Map<String, VocabularyName> tagsByName = new HashMap<>();
        names.stream().filter(VocabularyName::primary)
                .forEach(n -> tagsByName.putIfAbsent(n.tagName().toLowerCase(Locale.ROOT), n));
        SurfaceBlocks blocks = new SurfaceBlocks(mappings);
        for (SurfaceMapping mapping : mappings) {
            String key = SurfaceKey.of(mapping.surface());
            VocabularyName tag = mapping.tagName() == null ? null
                    : tagsByName.get(mapping.tagName().toLowerCase(Locale.ROOT));
            if (mapping.action() == MappingAction.ADD && tag != null
                    && blocks.filter(key, direct.getOrDefault(key, List.of())).isEmpty()) {
                List<TagMatch> matches = List.of(new TagMatch(tag.tagId(), tag.tagName(), tag.kind(), MatchRule.SYNONYM));
                table.put(key, new Entry(matches, asBaseForm(matches),
                        partsOfSpeech.getOrDefault(key, PartsOfSpeech.NOUN)));
            } else if (mapping.action() == MappingAction.BLOCK && table.containsKey(key)) {
                Entry entry = table.get(key);
                List<TagMatch> kept = mapping.tagName() == null ? List.of() : entry.matches().stream()
                        .filter(m -> !m.tagName().equalsIgnoreCase(mapping.tagName())).toList();
                if (kept.isEmpty()) {
                    table.remove(key);
                } else {
                    table.put(key, new Entry(kept, asBaseForm(kept), entry.partsOfSpeech()));
                }
            }
        }
    }

    private void addDirect(VocabularyName name) {
        String key = SurfaceKey.of(name.form());
        MatchRule rule = name.primary() ? MatchRule.EXACT : MatchRule.SYNONYM;
        List<TagMatch> matches = direct.computeIfAbsent(key, k -> new ArrayList<>());
        if (matches.stream().noneMatch(m -> m.tagId() == name.tagId() && m.rule().compareTo(rule) <= 0)) {
            matches.removeIf(m -> m.tagId() == name.tagId());
            matches.add(new TagMatch(name.tagId(), name.tagName(), name.kind(), rule));
        }
        int bits = 0;
        for (PartOfSpeech pos : PartOfSpeech.values()) {
            if (wordNet.contains(name.form(), pos)) {
                bits |= PartsOfSpeech.bit(pos);
            }
        }
        // names WordNet does not know ("3D glasses") are taken for nouns, so that their plurals resolve
        partsOfSpeech.merge(key, bits == 0 ? PartsOfSpeech.NOUN : bits, (a, b) -> a | b);
    }

    private void addWordNetCandidates(Synset synset, List<NameSense> names) {
        for (NameSense name : names) {
            addLemmas(synset, name, MatchRule.WORDNET_SYNONYM, 0, options.maxSurfaceSense());
        }
        for (Synset broader : wordNet.hypernyms(synset)) {
            for (NameSense name : names) {
                addHyponymLemmas(broader, synset, name);
            }
        }
        if (!LexicalFiles.isThing(synset)) {
            // only a thing has kinds worth a tag: teeth are a "set" only as a group
            return;
        }
        List<List<Synset>> kindsByDepth = kinds(synset);
        int kinds = kindsByDepth.stream().mapToInt(List::size).sum();
        if (kinds > MAX_KINDS) {
            return;
        }
        // a back-off reaches a tag only in the name's first sense: "umpire" is a kind of official, but RAM's
        // official is the first one, an administrator (unless no sense of the name is tagged, as of "hydrant")
        List<NameSense> firstSenses = names.stream()
                .filter(n -> n.rank() == 0 || !wordNet.hasTaggedSense(n.name().form(), synset.pos()))
                .toList();
        for (int depth = 1; depth <= kindsByDepth.size(); depth++) {
            for (Synset child : kindsByDepth.get(depth - 1)) {
                for (NameSense name : firstSenses) {
                    addLemmas(child, name, MatchRule.HYPERNYM, depth, options.maxSurfaceSense());
                }
            }
        }
    }

    /**
     * A tag synset with more kinds than this within the hypernym depth is too general to back off to: person has
     * about 4900 (holder, visitor, small people...), so a hypernym link to it says nothing about what a caption
     * shows; the most general tags after it (plant, worker, container, food) have 450-750, dog 140.
     */
    private static final int MAX_KINDS = 1000;

    /** the synset's hyponyms level by level, down to the hypernym depth, each once */
    private List<List<Synset>> kinds(Synset synset) {
        List<List<Synset>> levels = new ArrayList<>();
        Set<Synset> seen = new HashSet<>(List.of(synset));
        List<Synset> level = List.of(synset);
        for (int depth = 1; depth <= options.hypernymDepth() && !level.isEmpty(); depth++) {
            List<Synset> next = new ArrayList<>();
            for (Synset parent : level) {
                for (Synset child : wordNet.hyponyms(parent)) {
                    if (seen.add(child)) {
                        next.add(child);
                    }
                }
            }
            levels.add(next);
            level = next;
        }
        return levels;
    }

    /**
     * adds each lemma of {@code synset} whose own sense rank of it is below {@code maxSurfaceRank}; a pinned lemma
     * only when this is its pinned sense, which then counts as its first whatever WordNet's order
     */
    private void addLemmas(Synset synset, NameSense name, MatchRule rule, int depth, int maxSurfaceRank) {
        for (String lemma : synset.lemmas()) {
            Synset pinned = pins.get(SurfaceKey.of(lemma));
            if (pinned != null) {
                if (pinned.equals(synset) && linksThrough(synset, lemma, 0, rule)) {
                    addCandidate(lemma, synset, name, rule, depth, 0);
                }
                continue;
            }
            int surfaceRank = wordNet.senseRank(lemma, synset);
            if (surfaceRank >= 0 && surfaceRank < maxSurfaceRank && linksThrough(synset, lemma, surfaceRank, rule)) {
                addCandidate(lemma, synset, name, rule, depth, surfaceRank);
            }
        }
    }

    /**
     * Whether a caption's word read in {@code sense} (its {@code rank}-th) may stand for a tag by {@code rule}.
     * Only through a sense that can be seen (not an abstract lexical file: "background" as knowledge, "one" as
     * a number), and a kind of a tag only when the sense is a bounded thing (not "top" as a place or "air" as
     * a substance, whose hypernyms are surface and gas). Verbs and adjectives share synsets but have no kinds
     * worth a tag ("tongue" is a way to articulate, not to create). A rarer sense counts only when running text
     * was ever seen to use it, or, for a synonym, when no sense of the word was ("doughnut" the shape and the
     * food): WordNet orders untagged senses arbitrarily, and backing off from one of them reaches far (a diner,
     * first a person, is a railcar; a tram, first an aerial tramway, a mine wagon).
     */
    private boolean linksThrough(Synset sense, String lemma, int rank, MatchRule rule) {
        boolean senseAllowed = switch (sense.pos()) {
            case NOUN -> !LexicalFiles.isAbstract(sense)
                    && (rule == MatchRule.WORDNET_SYNONYM || LexicalFiles.isThing(sense));
            case VERB, ADJECTIVE -> rule == MatchRule.WORDNET_SYNONYM;
            case ADVERB -> false;
        };
        return senseAllowed && (rank == 0 || wordNet.tagCount(lemma, sense) > 0
                || rule != MatchRule.HYPERNYM && !wordNet.hasTaggedSense(lemma, sense.pos()));
    }

    /** the winners of each part of speech, nouns first, each match marked with the reading it holds for */
    private static List<TagMatch> winners(Contest[] byPartOfSpeech) {
        List<TagMatch> result = new ArrayList<>();
        for (PartOfSpeech pos : PartOfSpeech.values()) {
            Contest contest = byPartOfSpeech[pos.ordinal()];
            if (contest != null) {
                TagKind reading = readingOf(pos);
                contest.winners().forEach(m -> result.add(new TagMatch(m.tagId(), m.tagName(), m.kind(), m.rule(), reading)));
            }
        }
        return result;
    }

    private static TagKind readingOf(PartOfSpeech pos) {
        return switch (pos) {
            case NOUN -> TagKind.OBJECT_SCENE;
            case VERB -> TagKind.ACTION;
            case ADJECTIVE, ADVERB -> TagKind.ATTRIBUTE;
        };
    }

    /**
     * A word of the tag's direct hypernym stands for the tag only when it is that word's first sense and the
     * tag's synset is named first after it ("electric refrigerator, fridge" under "refrigerator"): the default
     * kind of the thing, not one of its many kinds ("freezer" is a refrigerator too, "alley, back street" a
     * street). The tag must be another name of that synset: a tag that is the qualified name itself is one
     * kind among many ("writing desk" is no more a desk than "secretary" is, "army base" a base).
     */
    private void addHyponymLemmas(Synset broader, Synset tagSynset, NameSense name) {
        if (name.indexInSynset() == 0) {
            return;
        }
        for (String lemma : broader.lemmas()) {
            String head = " " + lemma.toLowerCase(Locale.ROOT);
            boolean compound = tagSynset.lemmas().get(0).toLowerCase(Locale.ROOT).endsWith(head);
            Synset pinned = pins.get(SurfaceKey.of(lemma));
            boolean first = pinned != null ? pinned.equals(broader) : wordNet.senseRank(lemma, broader) == 0;
            if (compound && first && linksThrough(broader, lemma, 0, MatchRule.HYPONYM)) {
                addCandidate(lemma, broader, name, MatchRule.HYPONYM, 1, 0);
            }
        }
    }

    private void addCandidate(String lemma, Synset synset, NameSense name, MatchRule rule, int depth, int surfaceRank) {
        String key = SurfaceKey.of(lemma);
        VocabularyName tag = name.name();
        Contest[] byPartOfSpeech = candidates.computeIfAbsent(key, k -> new Contest[PartOfSpeech.values().length]);
        int pos = synset.pos().ordinal();
        if (byPartOfSpeech[pos] == null) {
            byPartOfSpeech[pos] = new Contest();
        }
        byPartOfSpeech[pos].offer(new Candidate(
                new TagMatch(tag.tagId(), tag.tagName(), tag.kind(), rule), surfaceRank, name.rank(), depth,
                synset.pos().ordinal(), name.indexInSynset()));
        partsOfSpeech.merge(key, PartsOfSpeech.bit(synset.pos()), (a, b) -> a | b);
    }

    private static int indexIgnoringCase(List<String> lemmas, String form) {
        for (int i = 0; i < lemmas.size(); i++) {
            if (lemmas.get(i).equalsIgnoreCase(form)) {
                return i;
            }
        }
        return lemmas.size();
    }

    private static int cost(Candidate c) {
        int reach = switch (c.match().rule()) {
            case HYPONYM -> 2;
            case HYPERNYM -> 4 * c.depth() - 2;
            default -> 0;
        };
        return 2 * c.surfaceRank() + 3 * c.nameRank() + reach;
    }

    private static List<TagMatch> sortedDirect(List<TagMatch> matches) {
        return matches.stream()
                .sorted(Comparator.comparing(TagMatch::rule).thenComparingInt(TagMatch::tagId))
                .toList();
    }

    private static List<TagMatch> asBaseForm(List<TagMatch> matches) {
        return matches.stream()
                .map(m -> m.rule().compareTo(MatchRule.BASE_FORM) < 0
                        ? new TagMatch(m.tagId(), m.tagName(), m.kind(), MatchRule.BASE_FORM) : m)
                .toList();
    }
}
