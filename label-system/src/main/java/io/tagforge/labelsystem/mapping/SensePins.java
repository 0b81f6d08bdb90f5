package io.tagforge.labelsystem.mapping;

import io.tagforge.labelsystem.error.TagforgeException;
import io.tagforge.labelsystem.wordnet.PartOfSpeech;
import io.tagforge.labelsystem.wordnet.Synset;
import io.tagforge.labelsystem.wordnet.WordNet;
import io.tagforge.labelsystem.wordnet.WordSense;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The curated pins of surfaces to one WordNet noun sense, as the vocabulary and the curator's check read them. */
public final class SensePins {

    private SensePins() {
    }

    /**
     * The noun sense {@code senseKey} names, checked to be a sense of {@code surface} (its own word or a base form:
     * "mice" may be pinned to mouse%1:06:00::). Refused with the field named when WordNet has no such key or the
     * key is of another word or not a noun.
     */
    public static WordSense checked(WordNet wordNet, String surface, String senseKey) {
        WordSense sense = senseKey == null || senseKey.isBlank() ? null : wordNet.sense(senseKey);
        if (sense == null) {
            throw new TagforgeException("sense_key: WordNet has no sense \"" + senseKey + "\" (a sense key looks like "
                    + "mouse%1:06:00::)");
        }
        String word = surface.strip().toLowerCase(Locale.ROOT);
        boolean ofSurface = sense.lemma().equalsIgnoreCase(word)
                || wordNet.baseForms(word, PartOfSpeech.NOUN).stream().anyMatch(sense.lemma()::equalsIgnoreCase);
        if (sense.synset().pos() != PartOfSpeech.NOUN || !ofSurface) {
            throw new TagforgeException("sense_key: \"" + senseKey + "\" is no noun sense of \"" + surface + "\"");
        }
        return sense;
    }

    /**
     * The pinned synset per word (the sense key's lemma, lower case as a surface key: a pin of "mice" holds for
     * mouse). A pin whose key this WordNet does not know (written against another WordNet) pins nothing rather
     * than failing every parse.
     */
    public static Map<String, Synset> bySurface(List<SurfaceMapping> mappings, WordNet wordNet) {
        Map<String, Synset> pins = new HashMap<>();
        for (SurfaceMapping mapping : mappings) {
            WordSense sense = mapping.action() == MappingAction.PIN ? wordNet.sense(mapping.senseKey()) : null;
            if (sense != null) {
                // WordNet's lemmas are single-spaced already: lower case makes them surface keys
                pins.put(sense.lemma().toLowerCase(Locale.ROOT), sense.synset());
            }
        }
        return pins;
    }
}
