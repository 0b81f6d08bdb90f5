package io.tagforge.labelsystem.detectable;

import io.tagforge.labelsystem.wordnet.PartOfSpeech;
import io.tagforge.labelsystem.tag.TagKind;
import io.tagforge.labelsystem.wordnet.Synset;
import io.tagforge.labelsystem.wordnet.WordNet;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Whether a detector can box a tag, proposed from WordNet: an object or scene tag whose name's first noun
 * sense (WordNet's most frequent) is in one of the lexicographer files of things with a place in the image —
 * artifact, animal, food, plant, person, body, natural object. Attributes, actions, abstract nouns and scenes
 * ("outdoor") are not, nor is a name WordNet's tagged corpus meets more often as an adjective or a verb than as
 * a noun ("white", whose first noun sense is a person; "run"); a name WordNet does not know as a noun is read by its base form
 * ("dogs") or, for a multiword name, its last word ("baseball glove" → glove). A top-level synset
 * (noun.Tops: person, animal, food) counts by the file most of its direct hyponyms are in. Curators change
 * the proposal where it is wrong ({@code Curation.setDetectable}).
 */
public final class Detectability {

    private static final Set<String> DETECTABLE_FILES = Set.of("noun.artifact", "noun.animal", "noun.food",
            "noun.plant", "noun.person", "noun.body", "noun.object");
    private static final String TOPS = "noun.Tops";

    private final WordNet wordNet;

    public Detectability(WordNet wordNet) {
        this.wordNet = wordNet;
    }

    /** The proposal for a tag of this name and kind. */
    public boolean propose(String name, TagKind kind) {
        if (kind != TagKind.OBJECT_SCENE) {
            return false;
        }
        String lemma = name.strip().toLowerCase(Locale.ROOT);
        int asNoun = wordNet.frequency(lemma, PartOfSpeech.NOUN);
        if (wordNet.frequency(lemma, PartOfSpeech.ADJECTIVE) > asNoun || wordNet.frequency(lemma, PartOfSpeech.VERB) > asNoun) {
            return false;
        }
        Synset sense = firstNounSense(lemma);
        if (sense == null) {
            return false;
        }
        String file = wordNet.lexicalFile(sense);
        if (file.equals(TOPS)) {
            file = mostCommonFileOfHyponyms(sense);
        }
        return DETECTABLE_FILES.contains(file);
    }

    /**
     * Stores the proposal for every live tag that has none yet (of {@code tagIds}, or all when null), and
     * returns how many became detectable and how many not.
     */
    public int[] proposeUndecided(Connection c, List<Integer> tagIds) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        List<Boolean> values = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name, kind FROM tag WHERE detectable IS NULL "
                + "AND NOT deprecated AND (?::int[] IS NULL OR id = ANY(?::int[])) ORDER BY id")) {
            Array array = tagIds == null ? null : c.createArrayOf("int4", tagIds.toArray());
            ps.setArray(1, array);
            ps.setArray(2, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                    values.add(propose(rs.getString(2), TagKind.ofCode(rs.getShort(3))));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE tag t SET detectable = u.d FROM unnest(?::int[], "
                + "?::boolean[]) AS u(id, d) WHERE t.id = u.id AND t.detectable IS NULL")) {
            ps.setArray(1, c.createArrayOf("int4", ids.toArray()));
            ps.setArray(2, c.createArrayOf("bool", values.toArray()));
            ps.executeUpdate();
        }
        int detectable = (int) values.stream().filter(Boolean::booleanValue).count();
        return new int[] {detectable, values.size() - detectable};
    }

    private Synset firstNounSense(String name) {
        List<Synset> senses = wordNet.senses(name, PartOfSpeech.NOUN);
        if (senses.isEmpty()) {
            for (String base : wordNet.baseForms(name, PartOfSpeech.NOUN)) {
                senses = wordNet.senses(base, PartOfSpeech.NOUN);
                if (!senses.isEmpty()) {
                    break;
                }
            }
        }
        if (senses.isEmpty() && name.contains(" ")) {
            return firstNounSense(name.substring(name.lastIndexOf(' ') + 1));
        }
        return senses.isEmpty() ? null : senses.get(0);
    }

    private String mostCommonFileOfHyponyms(Synset sense) {
        Map<String, Integer> counts = new HashMap<>();
        for (Synset hyponym : wordNet.hyponyms(sense)) {
            counts.merge(wordNet.lexicalFile(hyponym), 1, Integer::sum);
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(TOPS);
    }
}
