package io.tagforge.labelsystem.vocabulary;

import io.tagforge.labelsystem.mapping.SurfaceMapping;
import io.tagforge.labelsystem.tag.TagKind;
import io.tagforge.labelsystem.wordnet.WordNet;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The immutable lookup table every {@link Vocabulary} user shares: each surface form WordNet can carry to a tag
 * is precomputed at build time, so that {@link #resolve} is one hash probe (plus a few for inflected forms) and
 * never touches WordNet. Build it once per process and share it between threads.
 */
public final class InMemoryVocabulary implements Vocabulary {

    private final Map<String, Entry> table;
    private final BaseForms baseForms;
    private final SurfaceBlocks blocks;
    private final WordClasses wordClasses;
    private final TagReadings readings;
    private final int maxNameWords;

    private InMemoryVocabulary(Map<String, Entry> table, BaseForms baseForms, SurfaceBlocks blocks,
                               WordClasses wordClasses, TagReadings readings) {
        this.table = table;
        this.baseForms = baseForms;
        this.blocks = blocks;
        this.wordClasses = wordClasses;
        this.readings = readings;
        this.maxNameWords = table.keySet().stream().mapToInt(SurfaceKey::words).max().orElse(0);
    }

    /**
     * Builds the table for these names (primary names and synonyms) with WordNet's help, the curated surface
     * mappings over it; every reading fits every tag.
     */
    public static InMemoryVocabulary build(Collection<VocabularyName> names, List<SurfaceMapping> mappings,
                                           WordNet wordNet, LookupOptions options) {
        return build(names, mappings, wordNet, options, TagReadings.none());
    }

    /** As {@link #build(Collection, List, WordNet, LookupOptions)}, the tags' kinds from {@code readings}. */
    public static InMemoryVocabulary build(Collection<VocabularyName> names, List<SurfaceMapping> mappings,
                                           WordNet wordNet, LookupOptions options, TagReadings readings) {
        Map<String, Entry> table = new MatchTableBuilder(wordNet, options).build(names, mappings);
        BaseForms baseForms = BaseForms.over(table, wordNet);
        baseForms.preferBaseForms();
        // a base form preferred above may bring back what a block took from the surface
        SurfaceBlocks blocks = new SurfaceBlocks(mappings);
        for (String key : blocks.keys()) {
            Entry entry = table.get(key);
            if (entry != null) {
                List<TagMatch> kept = blocks.filter(key, entry.matches());
                if (kept.isEmpty()) {
                    table.remove(key);
                } else if (kept.size() < entry.matches().size()) {
                    table.put(key, new Entry(kept, blocks.filter(key, entry.viaBaseForm()), entry.partsOfSpeech()));
                }
            }
        }
        return new InMemoryVocabulary(table, baseForms, blocks, WordClasses.read(wordNet), readings);
    }

    @Override
    public List<TagMatch> resolve(String surface) {
        String key = SurfaceKey.of(surface);
        Entry entry = table.get(key);
        return entry != null ? entry.matches() : blocks.filter(key, baseForms.resolve(key));
    }

    @Override
    public boolean isBlocked(String surface, String tagName) {
        return blocks.blocks(SurfaceKey.of(surface), tagName);
    }

    @Override
    public boolean fitsReading(String tagName, TagKind reading) {
        return readings.fits(tagName, reading);
    }

    @Override
    public int maxNameWords() {
        return maxNameWords;
    }

    @Override
    public boolean isInanimate(String noun) {
        return wordClasses.isInanimate(noun);
    }

    @Override
    public boolean isStateVerb(String verb) {
        return wordClasses.isStateVerb(verb);
    }

    @Override
    public boolean isDepiction(String noun) {
        return wordClasses.isDepiction(noun);
    }

    /** How many surface forms resolve without inflection rules (names, synonyms, WordNet lemmas). */
    public int size() {
        return table.size();
    }
}
