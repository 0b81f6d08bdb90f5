package io.tagforge.labelsystem.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagforge.labelsystem.mapping.MappingAction;
import io.tagforge.labelsystem.mapping.SurfaceMapping;
import io.tagforge.labelsystem.tag.TagKind;
import io.tagforge.labelsystem.wordnet.SharedWordNet;
import io.tagforge.labelsystem.wordnet.WordNet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The match rules on small hand-made vocabularies, where every expectation can be worked out by hand. */
class InMemoryVocabularyTest {

    static final WordNet wordNet = SharedWordNet.get();

    private static InMemoryVocabulary of(LookupOptions options, VocabularyName... names) {
        return InMemoryVocabulary.build(List.of(names), List.of(), wordNet, options);
    }

    @Test
    void knownSynonymsResolveToTheirTag() {
        InMemoryVocabulary v = of(LookupOptions.defaults(),
                VocabularyName.primary(7, "bicycle", TagKind.OBJECT_SCENE),
                VocabularyName.synonym(7, "bicycle", TagKind.OBJECT_SCENE, "push bike"));
        assertThat(v.resolve("push bike")).containsExactly(
                new TagMatch(7, "bicycle", TagKind.OBJECT_SCENE, MatchRule.SYNONYM));
        assertThat(v.resolve("push bikes")).containsExactly(
                new TagMatch(7, "bicycle", TagKind.OBJECT_SCENE, MatchRule.BASE_FORM));
        assertThat(v.resolve("bicycle")).containsExactly(
                new TagMatch(7, "bicycle", TagKind.OBJECT_SCENE, MatchRule.EXACT));
    }

    @Test
    void aNameSharedByKindsGivesEveryTag() {
        InMemoryVocabulary v = of(LookupOptions.defaults(),
                VocabularyName.primary(1, "clean", TagKind.ATTRIBUTE),
                VocabularyName.primary(2, "clean", TagKind.ACTION));
        assertThat(v.resolve("clean")).extracting(TagMatch::tagId).containsExactly(1, 2);
        assertThat(v.resolve("cleaning")).extracting(TagMatch::tagId, TagMatch::rule)
                .contains(org.assertj.core.groups.Tuple.tuple(2, MatchRule.BASE_FORM));
    }

    /** a block holds through base forms, and a blocked own name leaves the surface to an added tag */
    @Test
    void aBlockHoldsForEveryFormOfItsSurface() {
        List<VocabularyName> names = List.of(VocabularyName.primary(1, "grind", TagKind.OBJECT_SCENE),
                VocabularyName.primary(2, "track", TagKind.OBJECT_SCENE),
                VocabularyName.primary(3, "train track", TagKind.OBJECT_SCENE),
                VocabularyName.primary(4, "watch", TagKind.OBJECT_SCENE));
        InMemoryVocabulary open = InMemoryVocabulary.build(names, List.of(), wordNet, LookupOptions.defaults());
        assertThat(open.resolve("ground")).extracting(TagMatch::tagName).containsExactly("grind");
        assertThat(open.resolve("tracks")).extracting(TagMatch::tagName).containsExactly("track");

        InMemoryVocabulary curated = InMemoryVocabulary.build(names, List.of(
                mapping("ground", MappingAction.BLOCK, "grind"), mapping("track", MappingAction.BLOCK, "track"),
                mapping("track", MappingAction.ADD, "train track"), mapping("watching", MappingAction.BLOCK, "watch")),
                wordNet, LookupOptions.defaults());
        assertThat(curated.resolve("ground")).isEmpty();
        assertThat(curated.resolve("grinding")).extracting(TagMatch::tagName).containsExactly("grind");
        assertThat(curated.resolve("track")).extracting(TagMatch::tagName, TagMatch::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("train track", MatchRule.SYNONYM));
        assertThat(curated.resolve("tracks")).extracting(TagMatch::tagName).containsExactly("train track");
        // the lemma "watch" keeps its tag; a caller that also knows the word as written asks about the block
        assertThat(curated.resolve("watch")).extracting(TagMatch::tagName).containsExactly("watch");
        assertThat(curated.isBlocked("Watching", "Watch")).isTrue();
        assertThat(curated.isBlocked("watches", "watch")).isFalse();
    }

    private static SurfaceMapping mapping(String surface, MappingAction action, String tag) {
        return new SurfaceMapping(0, surface, action, tag, null, null, "test");
    }

    @Test
    void hypernymBackOffStopsAtTheConfiguredDepth() {
        VocabularyName dog = VocabularyName.primary(1, "dog", TagKind.OBJECT_SCENE);
        VocabularyName animal = VocabularyName.primary(2, "animal", TagKind.OBJECT_SCENE);
        assertThat(of(LookupOptions.defaults().withHypernymDepth(0), dog).resolve("puppy")).isEmpty();
        assertThat(of(LookupOptions.defaults().withHypernymDepth(1), dog).resolve("puppy"))
                .containsExactly(new TagMatch(1, "dog", TagKind.OBJECT_SCENE, MatchRule.HYPERNYM, TagKind.OBJECT_SCENE));
        // beagle → hound → hunting dog → dog: three steps
        assertThat(of(LookupOptions.defaults().withHypernymDepth(2), dog).resolve("beagle")).isEmpty();
        assertThat(of(LookupOptions.defaults().withHypernymDepth(3), dog, animal).resolve("beagle"))
                .extracting(TagMatch::tagName).containsExactly("dog");
    }

    @Test
    void theNearestHypernymWins() {
        InMemoryVocabulary v = of(LookupOptions.defaults(),
                VocabularyName.primary(1, "dog", TagKind.OBJECT_SCENE),
                VocabularyName.primary(2, "canine", TagKind.OBJECT_SCENE));
        assertThat(v.resolve("puppy")).extracting(TagMatch::tagName).containsExactly("dog");
    }

    @Test
    void hyponymRuleNeedsTheDefaultKind() {
        InMemoryVocabulary fridge = of(LookupOptions.defaults(), VocabularyName.primary(1, "fridge", TagKind.OBJECT_SCENE));
        assertThat(fridge.resolve("refrigerator")).extracting(TagMatch::rule).containsExactly(MatchRule.HYPONYM);
        // "alley, alleyway, back street" is a kind of street, not what "street" means
        InMemoryVocabulary alley = of(LookupOptions.defaults(), VocabularyName.primary(1, "alley", TagKind.OBJECT_SCENE));
        assertThat(alley.resolve("street")).isEmpty();
        // "writing desk" is the synset's qualified name itself: one kind of desk, as "secretary" is another
        InMemoryVocabulary writingDesk = of(LookupOptions.defaults(),
                VocabularyName.primary(1, "writing desk", TagKind.OBJECT_SCENE));
        assertThat(writingDesk.resolve("desk")).isEmpty();
    }

    @Test
    void inflectionRulesRespectThePartOfSpeech() {
        InMemoryVocabulary v = of(LookupOptions.defaults(), VocabularyName.primary(1, "new", TagKind.ATTRIBUTE));
        assertThat(v.resolve("news")).isEmpty();
        assertThat(v.resolve("newer")).extracting(TagMatch::rule).containsExactly(MatchRule.BASE_FORM);
    }

    /** JWI lists its candidates alphabetically ("rid", "ride"); the one that keeps most of the word wins */
    @Test
    void theBaseFormKeepingMostOfTheWordWins() {
        InMemoryVocabulary v = of(LookupOptions.defaults(), VocabularyName.primary(1, "rid", TagKind.ACTION),
                VocabularyName.primary(2, "ride", TagKind.ACTION), VocabularyName.primary(3, "tap", TagKind.ACTION),
                VocabularyName.primary(4, "tape", TagKind.ACTION));
        assertThat(v.resolve("riding")).extracting(TagMatch::tagName).containsExactly("ride");
        assertThat(v.resolve("taped")).extracting(TagMatch::tagName).containsExactly("tape");
        assertThat(v.resolve("tapped")).extracting(TagMatch::tagName).containsExactly("tap");
    }

    @Test
    void namesWordNetDoesNotKnowStillMatchAndInflect() {
        InMemoryVocabulary v = of(LookupOptions.defaults(), VocabularyName.primary(1, "3D glasses", TagKind.OBJECT_SCENE),
                VocabularyName.primary(2, "selfie stick", TagKind.OBJECT_SCENE));
        assertThat(v.resolve("3d glasses")).extracting(TagMatch::rule).containsExactly(MatchRule.EXACT);
        assertThat(v.resolve("selfie sticks")).extracting(TagMatch::rule).containsExactly(MatchRule.BASE_FORM);
        assertThat(v.maxNameWords()).isEqualTo(2);
    }

    @Test
    void anEmptyVocabularyMatchesNothing() {
        InMemoryVocabulary v = of(LookupOptions.defaults());
        assertThat(v.resolve("dog")).isEmpty();
        assertThat(v.maxNameWords()).isZero();
    }

    @Test
    void optionsAreChecked() {
        assertThatThrownBy(() -> new LookupOptions(-1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LookupOptions(1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
