package io.tagforge.labelsystem.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagforge.labelsystem.shareddata.SharedData;
import io.tagforge.labelsystem.tag.TagKind;
import io.tagforge.labelsystem.wordnet.SharedWordNet;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lookups against RAM's real 4585-name list, which the parser's captions meet. */
class RamVocabularyTest {

    static final Path RAM = SharedData.dir().resolve("ram");
    static InMemoryVocabulary vocabulary;

    @BeforeAll
    static void build() {
        vocabulary = RamVocabulary.load(RAM, SharedWordNet.get(), LookupOptions.defaults());
    }

    @ParameterizedTest(name = "{0} → {1} ({2})")
    @CsvSource(delimiter = '|', textBlock = """
            couch         | couch        | EXACT
            sofa          | couch        | WORDNET_SYNONYM
            airplane      | plane        | WORDNET_SYNONYM
            sidewalk      | pavement     | WORDNET_SYNONYM
            refrigerator  | fridge       | HYPONYM
            mice          | mouse        | BASE_FORM
            puppy         | dog          | HYPERNYM
            knives        | knife        | BASE_FORM
            geese         | goose        | BASE_FORM
            dogs          | dog          | BASE_FORM
            men           | man          | BASE_FORM
            women         | woman        | BASE_FORM
            children      | child        | BASE_FORM
            skis          | ski          | BASE_FORM
            sits          | sit          | BASE_FORM
            running       | run          | BASE_FORM
            living room   | living room  | EXACT
            living rooms  | living room  | BASE_FORM
            teddy bear    | teddy        | WORDNET_SYNONYM
            teddy bears   | teddy        | WORDNET_SYNONYM
            fire hydrant  | hydrant      | HYPERNYM
            fire hydrants | hydrant      | HYPERNYM
            hot dog       | hot dog      | EXACT
            hotdog        | hot dog      | WORDNET_SYNONYM
            doughnut      | donut        | WORDNET_SYNONYM
            tv            | television   | WORDNET_SYNONYM
            automobile    | car          | WORDNET_SYNONYM
            kid           | child        | WORDNET_SYNONYM
            guy           | man          | HYPERNYM
            lady          | woman        | HYPERNYM
            cellphone     | phone        | HYPERNYM
            suitcase      | luggage      | HYPERNYM
            Eiffel Tower  | Eiffel tower | EXACT
            COUCH         | couch        | EXACT
            '  Couch  '   | couch        | EXACT
            teddy_bear    | teddy        | WORDNET_SYNONYM
            news          | news         | EXACT
            bike          | bicycle      | SYNONYM
            bikes         | bicycle      | BASE_FORM
            motorbike     | motorbike    | EXACT
            toilet        | crapper      | WORDNET_SYNONYM
            kitten        | cat          | SYNONYM
            kittens       | cat          | BASE_FORM
            kitty         | cat          | SYNONYM
            pup           | dog          | SYNONYM
            stoplight     | traffic light | SYNONYM
            mitt          | baseball glove | SYNONYM
            racquet       | racket       | SYNONYM
            controllers   | game controller | BASE_FORM
            commuter train | train       | SYNONYM
            wineglasses   | wine glass   | BASE_FORM
            hairdryer     | hair drier   | SYNONYM
            tooth brushes | toothbrush   | BASE_FORM
            skate board   | skateboard   | SYNONYM
            surf boards   | surfboard    | BASE_FORM
            potted plants | houseplant   | BASE_FORM
            """)
    void resolves(String surface, String tag, MatchRule rule) {
        List<TagMatch> matches = vocabulary.resolve(surface);
        assertThat(matches).isNotEmpty();
        assertThat(matches.get(0).tagName()).isEqualTo(tag);
        assertThat(matches.get(0).rule()).isEqualTo(rule);
    }

    /**
     * Wrong senses the all-tags gold found: WordNet links through abstract senses (background as knowledge, one as
     * a number), back-off from places, substances and verbs ("air" → gas, "top" → surface, "tongue" → create),
     * and a rare name sense (RAM's "official" is no umpire).
     */
    @ParameterizedTest(name = "{0} ↛ {1}")
    @CsvSource(delimiter = '|', textBlock = """
            air         | gas
            background  | panorama
            top         | surface
            front       | surface
            time        | case
            direction   | path
            object      | goal
            device      | style
            one         | number
            lot         | mint
            close       | music
            tongue      | create
            umpire      | official
            """)
    void doesNotResolveTo(String surface, String wrongTag) {
        assertThat(vocabulary.resolve(surface)).extracting(TagMatch::tagName).doesNotContain(wrongTag);
    }

    /** a link through a verb sense holds for a verb only: the noun "look" is no way to appear */
    @Test
    void aLinkHoldsForTheReadingItWentThrough() {
        assertThat(vocabulary.resolve("look")).allMatch(m -> !m.holdsFor(TagKind.OBJECT_SCENE));
        assertThat(vocabulary.resolve("sofa")).singleElement().matches(m -> m.holdsFor(TagKind.OBJECT_SCENE));
    }

    @Test
    void wordClassesComeFromWordNet() {
        assertThat(vocabulary.isInanimate("toilet")).isTrue();
        assertThat(vocabulary.isInanimate("teddy bear")).isTrue();
        assertThat(vocabulary.isInanimate("man")).isFalse();
        assertThat(vocabulary.isInanimate("people")).isFalse();
        assertThat(vocabulary.isInanimate("giraffe")).isFalse();
        assertThat(vocabulary.isInanimate("skateboarder")).isFalse();
        // groups of beings act, groups of things (a table of figures, a bunch of bananas) do not
        assertThat(vocabulary.isInanimate("family")).isFalse();
        assertThat(vocabulary.isInanimate("herd")).isFalse();
        assertThat(vocabulary.isInanimate("crowd")).isFalse();
        assertThat(vocabulary.isInanimate("table")).isTrue();
        assertThat(vocabulary.isInanimate("bunch")).isTrue();
        assertThat(vocabulary.isInanimate("food")).isTrue();
        assertThat(vocabulary.isStateVerb("sit")).isTrue();
        assertThat(vocabulary.isStateVerb("ride")).isFalse();
        assertThat(vocabulary.isDepiction("photo")).isTrue();
        assertThat(vocabulary.isDepiction("closeup")).isTrue();
        assertThat(vocabulary.isDepiction("painting")).isFalse();
    }

    /** WordNet files "fire hydrant" (fireplug) right under hydrant, "a discharge pipe": one step up */
    @Test
    void fireHydrantIsAHydrant() {
        assertThat(vocabulary.resolve("fire hydrant")).extracting(TagMatch::tagName).containsExactly("hydrant");
    }

    /**
     * Manual checks over WordNet: a holder in a caption is a device, not WordNet's first-sense person; and person,
     * with thousands of kinds, is too general for hypernym back-off (visitor, holder).
     */
    @Test
    void noBackOffToPersonFromAgentNouns() {
        assertThat(vocabulary.resolve("holder")).isEmpty();
        assertThat(vocabulary.resolve("holders")).isEmpty();
        assertThat(tagNames("visitor")).doesNotContain("person");
        assertThat(tagNames("small people")).doesNotContain("person");
    }

    /**
     * A tag that is a qualified name of its own synset is one kind among many, not what the bare word means: a
     * desk is no writing desk (RAM has no desk, so the word is left to the vocabulary builder), a cookie no
     * chocolate chip cookie, a base no army base. Fridge, another name of "electric refrigerator", stays.
     */
    @Test
    void onlyAnotherNameOfTheDefaultKindStandsForTheWord() {
        assertThat(tagNames("desk")).isEmpty();
        assertThat(tagNames("desks")).isEmpty();
        assertThat(tagNames("cookie")).doesNotContain("chocolate chip cookie");
        assertThat(tagNames("base")).doesNotContain("army base");
        assertThat(tagNames("painting")).doesNotContain("oil painting");
        assertThat(vocabulary.resolve("refrigerator")).extracting(TagMatch::rule).containsExactly(MatchRule.HYPONYM);
    }

    @Test
    void tagIdsAreLineNumbers() {
        assertThat(vocabulary.resolve("couch").get(0).tagId()).isEqualTo(1142);
        assertThat(vocabulary.resolve("3D CG rendering").get(0).tagId()).isEqualTo(1);
    }

    @Test
    void nothingForWordsWithoutATag() {
        assertThat(vocabulary.resolve("xyzzy")).isEmpty();
        assertThat(vocabulary.resolve("")).isEmpty();
        assertThat(vocabulary.resolve("   ")).isEmpty();
        assertThat(vocabulary.resolve("the")).isEmpty();
        assertThat(vocabulary.resolve("small")).isEmpty();
    }

    @Test
    void multiwordNamesAreCounted() {
        assertThat(vocabulary.maxNameWords()).isGreaterThanOrEqualTo(3);
        assertThat(vocabulary.size()).isGreaterThan(4585);
    }

    private static List<String> tagNames(String surface) {
        return vocabulary.resolve(surface).stream().map(TagMatch::tagName).toList();
    }

    @Test
    void resultsCannotBeChanged() {
        List<TagMatch> matches = vocabulary.resolve("dog");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> matches.add(matches.get(0)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void tag2TextGivesTheKindsATagIsMeantAs() {
        // fall is only an action, walk both an object and an action; "abacus" is not in Tag2Text's list
        assertThat(vocabulary.fitsReading("fall", TagKind.ACTION)).isTrue();
        assertThat(vocabulary.fitsReading("fall", TagKind.ATTRIBUTE)).isFalse();
        assertThat(vocabulary.fitsReading("fall", TagKind.OBJECT_SCENE)).isFalse();
        assertThat(vocabulary.fitsReading("walk", TagKind.OBJECT_SCENE)).isTrue();
        assertThat(vocabulary.fitsReading("walk", TagKind.ACTION)).isTrue();
        assertThat(vocabulary.fitsReading("dark", TagKind.ATTRIBUTE)).isTrue();
        assertThat(vocabulary.fitsReading("dark", TagKind.OBJECT_SCENE)).isFalse();
        assertThat(vocabulary.fitsReading("abacus", TagKind.ACTION)).isTrue();
        assertThat(TagReadings.none().fits("fall", TagKind.ATTRIBUTE)).isTrue();
    }
}
