package io.tagforge.parser.caption;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagforge.labelsystem.vocabulary.MatchRule;
import io.tagforge.labelsystem.vocabulary.TagMatch;
import io.tagforge.parser.testing.RamVocabularies;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The parser with the label system's RAM vocabulary: WordNet readings of real val2017 captions. */
class RamVocabularyParseTest {

    private static CaptionParser parser;

    @BeforeAll
    static void load() {
        parser = new CaptionParser(RamVocabularies.ram());
    }

    @Test
    void wordNetSynonymsReachRamTags() {
        ParsedCaption parsed = parser.parse("Two cats sleeping on a sofa inside a house.");
        TagMatch couch = parsed.tags().stream().filter(t -> t.tagName().equals("couch")).findFirst().orElseThrow();
        assertThat(couch.rule()).isEqualTo(MatchRule.WORDNET_SYNONYM);
        assertThat(names("A fleet of airplanes rest at their gates at the airport.")).contains("plane", "airport");
    }

    /** manual checks over WordNet's first senses, and a verb's -ing read as a noun is the activity */
    @Test
    void captionSensesBeatWordNetFirstSenses() {
        assertThat(names("A man riding a bike past a toothbrush holder.")).contains("bicycle", "man")
                .doesNotContain("motorcycle", "person");
        assertThat(names("a man in a grey jacket skiing down a slope")).contains("man", "slope").doesNotContain("ski");
        assertThat(names("A man is holding his skis.")).contains("ski");
    }

    @Test
    void aMultiwordReadingWordNetKnowsBeatsItsParts() {
        assertThat(names("A stuffed teddy bear covered in dirt on the ground.")).contains("teddy")
                .doesNotContain("bear");
        assertThat(names("a city scene of a sidewalk with a red fire hydrant on a sidewalk next to an ATM"))
                .contains("hydrant").doesNotContain("fire");
    }

    private static List<String> names(String caption) {
        return parser.parse(caption).tags().stream().map(TagMatch::tagName).toList();
    }
}
