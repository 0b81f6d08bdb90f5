package io.tagforge.labelsystem.builder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagforge.labelsystem.tag.TagKind;
import io.tagforge.labelsystem.wordnet.Synset;
import io.tagforge.labelsystem.mapping.MappingAction;
import io.tagforge.labelsystem.mapping.SensePins;
import io.tagforge.labelsystem.mapping.SurfaceMapping;
import io.tagforge.labelsystem.vocabulary.SurfaceKey;
import io.tagforge.labelsystem.wordnet.PartOfSpeech;
import io.tagforge.labelsystem.wordnet.WordNet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * RAM's recipe for a tag vocabulary, as a plan: the top K parsed candidates plus the names of external lists,
 * grouped into tags with WordNet. Two names become one tag only on strong evidence: the same synset is the
 * first sense of both and neither word has more than {@code maxSenses} senses. Every other shared synset among
 * the first three senses of both becomes a weak link for a curator, with its evidence. A curated block between
 * two names ("air" ↛ gas, or "holder" ↛ any tag) links them neither way; a name pinned to a noun sense has that
 * sense alone.
 */
public final class VocabularyBuilder {

    /** how many senses of each word may link it weakly */
    static final int LINK_SENSES = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WordNet wordNet;
    private final int maxSenses;
    private final List<SurfaceMapping> blocks;
    /** a pinned word has its pinned noun sense alone: it groups only with words of that sense */
    private final Map<String, Synset> pins;

    public VocabularyBuilder(WordNet wordNet, int maxSenses, List<SurfaceMapping> mappings) {
        this.wordNet = wordNet;
        this.maxSenses = maxSenses;
        this.blocks = mappings.stream().filter(m -> m.action() == MappingAction.BLOCK).toList();
        this.pins = SensePins.bySurface(mappings, wordNet);
    }

    private record Word(Candidate candidate, List<Synset> senses) {
        boolean polysemous(int maxSenses) {
            return senses.size() > maxSenses;
        }
    }

    /** The plan for the {@code top} most frequent candidates and every listed name. */
    public BuildPlan plan(List<Candidate> counts, Collection<String> listedNames, int top) {
        List<Word> words = new ArrayList<>();
        Map<String, Integer> byName = new HashMap<>();
        counts.stream().sorted(CandidateCounts.MOST_FREQUENT_FIRST).limit(top).forEach(c -> add(words, byName, c));
        for (String listed : listedNames) {
            String name = listed.strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            Integer at = byName.get(TagKind.OBJECT_SCENE.code() + ":" + name);
            Candidate counted = at != null ? words.get(at).candidate()
                    : counts.stream().filter(c -> c.name().equals(name) && c.kind() == TagKind.OBJECT_SCENE).findFirst()
                    .orElse(new Candidate(name, TagKind.OBJECT_SCENE, 0, 0, true));
            Candidate marked = new Candidate(counted.name(), counted.kind(), counted.mentions(), counted.images(), true);
            if (at != null) {
                words.set(at, new Word(marked, words.get(at).senses()));
            } else {
                add(words, byName, marked);
            }
        }
        int[] group = new int[words.size()];
        for (int i = 0; i < group.length; i++) {
            group[i] = i;
        }
        Map<String, List<int[]>> bySynset = new LinkedHashMap<>();
        for (int i = 0; i < words.size(); i++) {
            List<Synset> senses = words.get(i).senses();
            for (int rank = 0; rank < Math.min(LINK_SENSES, senses.size()); rank++) {
                bySynset.computeIfAbsent(words.get(i).candidate().kind().code() + ":" + senses.get(rank).key(),
                        k -> new ArrayList<>()).add(new int[] {i, rank});
            }
        }
        Map<String, Synset> strongEvidence = new HashMap<>();
        List<int[]> weakPairs = new ArrayList<>();
        Map<int[], Synset> weakSynset = new HashMap<>();
        for (Map.Entry<String, List<int[]>> entry : bySynset.entrySet()) {
            List<int[]> sharing = entry.getValue();
            Synset synset = senseOf(words, sharing.get(0));
            for (int x = 0; x < sharing.size(); x++) {
                for (int y = x + 1; y < sharing.size(); y++) {
                    int[] a = sharing.get(x);
                    int[] b = sharing.get(y);
                    if (blocked(words.get(a[0]), words.get(b[0]))) {
                        continue;
                    }
                    if (a[1] == 0 && b[1] == 0 && !words.get(a[0]).polysemous(maxSenses)
                            && !words.get(b[0]).polysemous(maxSenses)) {
                        union(group, a[0], b[0]);
                        strongEvidence.put(synset.key(), synset);
                    } else {
                        int[] pair = {a[0], b[0], a[1], b[1]};
                        weakPairs.add(pair);
                        weakSynset.put(pair, synset);
                    }
                }
            }
        }
        return assemble(words, group, strongEvidence, weakPairs, weakSynset);
    }

    private boolean blocked(Word a, Word b) {
        String x = a.candidate().name();
        String y = b.candidate().name();
        return blocks.stream().anyMatch(m -> m.surface().equals(x) && (m.tagName() == null || m.tagName().equalsIgnoreCase(y))
                || m.surface().equals(y) && (m.tagName() == null || m.tagName().equalsIgnoreCase(x)));
    }

    private void add(List<Word> words, Map<String, Integer> byName, Candidate c) {
        String key = c.kind().code() + ":" + c.name();
        if (byName.containsKey(key)) {
            return;
        }
        byName.put(key, words.size());
        PartOfSpeech pos = wordNet.partOfSpeech(c.name(), c.kind());
        Synset pinned = pos == PartOfSpeech.NOUN ? pins.get(SurfaceKey.of(c.name())) : null;
        words.add(new Word(c, pinned != null ? List.of(pinned) : wordNet.senses(c.name(), pos)));
    }

    private BuildPlan assemble(List<Word> words, int[] group, Map<String, Synset> strong, List<int[]> weakPairs,
                               Map<int[], Synset> weakSynset) {
        Map<Integer, List<Word>> members = new LinkedHashMap<>();
        for (int i = 0; i < words.size(); i++) {
            members.computeIfAbsent(find(group, i), k -> new ArrayList<>()).add(words.get(i));
        }
        List<BuildPlan.ProposedTag> tags = new ArrayList<>();
        Map<Integer, String> groupName = new HashMap<>();
        for (Map.Entry<Integer, List<Word>> g : members.entrySet()) {
            List<Word> ws = g.getValue();
            ws.sort(Comparator.comparing((Word w) -> w.candidate(), CandidateCounts.MOST_FREQUENT_FIRST));
            Candidate first = ws.get(0).candidate();
            String evidence = null;
            if (ws.size() > 1) {
                Synset shared = ws.get(0).senses().get(0);
                ObjectNode e = JSON.createObjectNode().put("rule", "first sense of every name")
                        .put("synset", shared.key()).put("gloss", shared.gloss());
                ws.forEach(w -> e.with("senses").put(w.candidate().name(), w.senses().size()));
                evidence = e.toString();
            }
            groupName.put(g.getKey(), first.name());
            tags.add(new BuildPlan.ProposedTag(first.name(), first.kind(),
                    ws.stream().map(w -> w.candidate().name()).toList(),
                    ws.stream().mapToLong(w -> w.candidate().mentions()).sum(),
                    ws.stream().mapToLong(w -> w.candidate().images()).max().orElse(0),
                    ws.stream().anyMatch(w -> w.candidate().listed()), evidence));
        }
        tags.sort(Comparator.comparingLong(BuildPlan.ProposedTag::mentions).reversed()
                .thenComparing(BuildPlan.ProposedTag::name));
        Map<String, BuildPlan.WeakLink> links = new LinkedHashMap<>();
        Map<Integer, Long> groupMentions = new HashMap<>();
        members.forEach((g, ws) -> groupMentions.put(g, ws.stream().mapToLong(w -> w.candidate().mentions()).sum()));
        for (int[] pair : weakPairs) {
            int ga = find(group, pair[0]);
            int gb = find(group, pair[1]);
            if (ga == gb) {
                continue;
            }
            boolean aToB = groupMentions.get(ga) < groupMentions.get(gb)
                    || (groupMentions.get(ga).equals(groupMentions.get(gb)) && ga > gb);
            int from = aToB ? ga : gb;
            int to = aToB ? gb : ga;
            String key = from + ">" + to;
            Word wa = words.get(pair[0]);
            Word wb = words.get(pair[1]);
            Synset synset = weakSynset.get(pair);
            float confidence = 1f / ((pair[2] + 1) * (pair[3] + 1));
            BuildPlan.WeakLink existing = links.get(key);
            if (existing == null || existing.confidence() < confidence) {
                ObjectNode e = JSON.createObjectNode().put("synset", synset.key()).put("gloss", synset.gloss())
                        .put("reason", reason(wa, pair[2], wb, pair[3]));
                e.with("sense_ranks").put(wa.candidate().name(), pair[2] + 1).put(wb.candidate().name(), pair[3] + 1);
                e.with("senses").put(wa.candidate().name(), wa.senses().size()).put(wb.candidate().name(), wb.senses().size());
                links.put(key, new BuildPlan.WeakLink(groupName.get(from), groupName.get(to),
                        wa.candidate().kind(), confidence, e.toString()));
            }
        }
        List<BuildPlan.WeakLink> linkList = new ArrayList<>(links.values());
        linkList.sort(Comparator.comparing(BuildPlan.WeakLink::confidence).reversed().thenComparing(BuildPlan.WeakLink::from));
        return new BuildPlan(List.copyOf(tags), List.copyOf(linkList));
    }

    private String reason(Word a, int rankA, Word b, int rankB) {
        if (rankA > 0 || rankB > 0) {
            Word w = rankA > 0 ? a : b;
            return "not the first sense of " + w.candidate().name() + " (sense " + ((rankA > 0 ? rankA : rankB) + 1) + ")";
        }
        Word w = a.polysemous(maxSenses) ? a : b;
        return "polysemous: " + w.candidate().name() + " has " + w.senses().size() + " senses";
    }

    private static Synset senseOf(List<Word> words, int[] member) {
        return words.get(member[0]).senses().get(member[1]);
    }

    private static int find(int[] group, int i) {
        while (group[i] != i) {
            group[i] = group[group[i]];
            i = group[i];
        }
        return i;
    }

    private static void union(int[] group, int a, int b) {
        int ra = find(group, a);
        int rb = find(group, b);
        if (ra != rb) {
            group[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
