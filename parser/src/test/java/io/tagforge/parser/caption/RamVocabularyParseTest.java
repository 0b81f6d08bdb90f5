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

    /** a span WordNet reaches only as a kind of some tag gives way to a head the vocabulary names */
    @Test
    void aNamedHeadBeatsAWordNetKindOfItsSpan() {
        assertThat(names("A black cat sitting in a field of grass.")).contains("cat").doesNotContain("carnivore");
        assertThat(names("Group of people standing on a train behind a white horse.")).contains("horse")
                .doesNotContain("wave");
        assertThat(names("A scene of an apartment with a dining table and a couple of couches."))
                .contains("table", "couch").doesNotContain("furniture");
        assertThat(names("a little dog sitting on the roof of a club cab truck")).contains("dog", "truck")
                .doesNotContain("constellation");
        // a span the vocabulary names as such still beats its head
        assertThat(names("A man holding a tennis racquet on a tennis court.")).contains("tennis racket");
    }

    @Test
    void aModifierOfALaterNounIsNoPartOfAName() {
        assertThat(names("Two people outside of a stone building near a red fire hydrant.")).contains("hydrant")
                .doesNotContain("fuel", "fire");
    }

    /** WordNet's links of a noun tag do not carry a verb: people lounging are on no couch */
    @Test
    void aVerbReachesNoNounThroughWordNet() {
        ParsedCaption lounging = parser.parse("Surrealistic table with food and small people lounging on mushrooms.");
        assertThat(lounging.mentions()).filteredOn(m -> m.surface().equals("lounging")).singleElement()
                .matches(m -> m.tag() == null);
        assertThat(names("A lone cat lounging on top of a counter.")).contains("cat").doesNotContain("couch");
        assertThat(names("A small child lounges with a remote in his hand.")).contains("child", "remote")
                .doesNotContain("couch");
        assertThat(names("A person is riding a motorcycle on a city street.")).contains("ride", "motorcycle");
    }

    /** manual-synonyms.tsv: the caption sense of words whose WordNet reading misses it */
    @Test
    void manualChecksReadCaptionWords() {
        assertThat(names("A gray and white kitten sitting in a bathroom sink.")).contains("cat", "bathroom sink")
                .doesNotContain("animal");
        assertThat(names("A woman hitting a tennis ball with a racquet")).contains("racket");
        assertThat(names("A man holds a controller and keyboard with his hands")).contains("game controller");
        assertThat(names("A view of a stoplight by a street.")).contains("traffic light").doesNotContain("brake light");
        assertThat(names("A catchers mitt sitting inside of a blue baseball hat.")).contains("baseball glove");
        assertThat(names("A commuter train stops at a train station for passengers.")).contains("train")
                .doesNotContain("commuter");
        assertThat(names("A bird is sitting on a railing next to a potted plant.")).contains("houseplant", "bird");
        assertThat(names("A desk and chair in an office cubicle.")).contains("chair")
                .doesNotContain("writing desk", "table");
    }

    /** WordNet links only through senses that can be seen: function phrases and abstract words are no things */
    @Test
    void abstractSensesAndFunctionPhrasesReachNoTag() {
        assertThat(names("A plane soars hundreds of feet in the air.")).contains("plane").doesNotContain("gas");
        assertThat(names("Traffic lights over a street with blue sky in background.")).contains("blue sky")
                .doesNotContain("panorama");
        assertThat(names("A clock tower has a white pole on top.")).contains("pole").doesNotContain("surface");
        assertThat(names("A close up of what appears to be two traffic machines.")).doesNotContain("music");
        assertThat(names("Two children in a stroller among cars in a rental lot.")).doesNotContain("mint");
        assertThat(names("A couple giraffes staring in the same direction")).contains("giraffe")
                .doesNotContain("path");
        assertThat(names("A giraffe has it's tongue out drinking water.")).contains("giraffe", "water")
                .doesNotContain("create");
        // a back-off only to the name's first sense: RAM's official is an administrator, not an umpire
        assertThat(names("a baseball game featuring a batter a catcher and an umpire")).doesNotContain("official");
    }

    /** an object in its place is not the action; a participle describing a thing is no action */
    @Test
    void verbsAndParticiplesKeepTheirReading() {
        assertThat(names("A white toilet sitting next to a trash can in a restroom.")).contains("crapper")
                .doesNotContain("sit");
        assertThat(names("A teddy bear sitting at a wooden table with a bottle of booze.")).doesNotContain("sit");
        assertThat(names("A cat sitting on a couch.")).contains("cat", "sit", "couch");
        assertThat(names("A red and white bus parked by the curb near palm trees.")).contains("bus")
                .doesNotContain("park");
        assertThat(names("A box filled with lots of glazed donuts.")).contains("box", "donut")
                .doesNotContain("fill", "glaze");
        assertThat(names("A man filling a cup with coffee.")).contains("fill");
        assertThat(names("A boy preparing to swing a baseball bat.")).contains("baseball bat")
                .doesNotContain("swing");
        assertThat(names("Newly constructed kitchen missing a sink and refrigerator.")).contains("kitchen")
                .doesNotContain("sink", "fridge");
        // a table (first a table of figures) and a bunch of things do not sit; a bunch of beings does
        assertThat(names("A table sitting in a kitchen area with a fridge")).contains("table").doesNotContain("sit");
        assertThat(names("A pile of luggage sitting up against a white fence.")).contains("luggage")
                .doesNotContain("sit");
        assertThat(names("A bunch of girls sit on the grass.")).contains("girl", "sit");
        assertThat(names("Several people standing around a table where one of them is cutting a cake."))
                .contains("cut", "cake");
    }

    /** the picture itself is no tag, nor are its colours; a picture in the scene is */
    @Test
    void aModifierTakesNoAction() {
        assertThat(names("A person holding a broken cell phone while looking at the screen.")).contains("person")
                .doesNotContain("break");
        assertThat(names("A bowl of cut up raw carrots and broccoli.")).contains("bowl", "carrot")
                .doesNotContain("cut");
        assertThat(names("A ripe tangerine atop a worn wooden picnic table.")).contains("picnic table")
                .doesNotContain("wear");
        assertThat(names("A newlywed couple cutting a piece of wedding cake")).contains("cut", "wedding cake");
        assertThat(names("A man with a broken arm is wearing a cast.")).contains("man", "wear");
    }

    @Test
    void thePictureItselfIsNoThing() {
        assertThat(names("A black and white photo of an old fashion baseball game.")).contains("baseball game")
                .doesNotContain("photo", "black", "white");
        assertThat(names("A man fixing a toilet in a black and white photo.")).contains("man", "crapper")
                .doesNotContain("photo", "black", "white");
        assertThat(names("A black and white cat sleeping on a bed.")).contains("black", "white", "cat");
        assertThat(names("A picture hangs on the wall above a bed.")).contains("picture", "wall", "bed");
    }

    /** the measured blocks of the seed hold however the parser looks a word up (its lemma, a base form) */
    @Test
    void measuredBlocksHoldForEveryFormOfTheWord() {
        assertThat(names("A man watching a game wears a silver watch.")).containsOnlyOnce("watch").contains("man");
        assertThat(names("People watching a game.")).doesNotContain("watch");
        assertThat(names("A woman dressed in black sits next to a girl in a red dress.")).containsOnlyOnce("dress");
        assertThat(names("A long train traveling down the tracks.")).contains("train", "train track")
                .doesNotContain("travel", "track");
        assertThat(names("A cat sitting on the ground in a grassy area.")).contains("cat", "grassy")
                .doesNotContain("grind", "area");
        assertThat(names("A girl brushing her teeth.")).doesNotContain("bone");
        assertThat(names("A large ship in the harbor.")).contains("boat").doesNotContain("vehicle");
    }

    private static List<String> names(String caption) {
        return parser.parse(caption).tags().stream().map(TagMatch::tagName).toList();
    }
}
