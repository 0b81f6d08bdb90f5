package io.tagforge.parser.caption;

import static io.tagforge.labelsystem.tag.TagKind.ACTION;
import static io.tagforge.labelsystem.tag.TagKind.ATTRIBUTE;
import static io.tagforge.labelsystem.tag.TagKind.OBJECT_SCENE;
import static org.assertj.core.api.Assertions.assertThat;

import io.tagforge.labelsystem.vocabulary.MatchRule;
import io.tagforge.labelsystem.vocabulary.TagMatch;
import io.tagforge.parser.testing.RamListVocabulary;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every rule on real COCO val2017 captions (from ../shared/datasets/coco-captions_val2017.json), against RAM's
 * exact tag names, so that what is pinned here is the parser's doing and not WordNet's.
 */
class CaptionParserTest {

    private static CaptionParser parser;

    @BeforeAll
    static void loadPipeline() {
        // two synonyms stand in for what WordNet gives the real vocabulary
        parser = new CaptionParser(RamListVocabulary.load()
                .withSynonym("teddy bear", "teddy")
                .withSynonym("pit bull", "dog"));
    }

    // ------------------------------------------------------------------ multiword names

    @Test
    void readsMultiwordNamesWholeByTheLongestMatch() {
        assertThat(tags("A hand holding a hot dog on a  bun in a  wrapper."))
                .contains("hot dog", "hand").doesNotContain("dog", "hot");
        assertThat(tags("A living room and dining room have two tables, couches, and multiple chairs."))
                .contains("living room", "dining room", "table", "couch", "chair").doesNotContain("room");
        assertThat(tags("a person walking across the street with a traffic light above"))
                .contains("traffic light", "person").doesNotContain("light", "traffic");
        assertThat(tags("A bright pink toilet seat in a bathroom.")).contains("toilet seat", "bathroom", "pink")
                .doesNotContain("seat");
        Mention hotDogs = mention("Outdoor patio and front of a bar that serves hot dogs", "hot dogs").orElseThrow();
        assertThat(hotDogs.lemma()).isEqualTo("hot dog");
        assertThat(hotDogs.end() - hotDogs.start()).isEqualTo(2);
    }

    @Test
    void aContainerOfContentsIsTheContainerTheVocabularyNames() {
        ParsedCaption wine = parser.parse("A white plate holding a pizza next to book and glass of wine.");
        assertThat(mention(wine, "glass of wine").orElseThrow().lemma()).isEqualTo("wine glass");
        assertThat(names(wine)).contains("wine glass", "wine", "pizza", "plate");
        assertThat(tags("A tray filled with a cut in half sandwich and a cup of coffee.")).contains("coffee cup",
                "coffee", "sandwich");
        // no such name: the container as such
        assertThat(tags("a close up of a plate of food with broccoli")).contains("plate", "food", "broccoli");
    }

    @Test
    void aLongerReadingBeatsItsParts() {
        assertThat(tags("a toilet with a teddy bear sitting on the seat .")).contains("teddy", "seat")
                .doesNotContain("bear");
        assertThat(tags("Pit bull playing with soccer ball in the grass.")).contains("dog", "grass")
                .doesNotContain("bull", "pit");
    }

    @Test
    void keepsAnUnknownCompoundWholeForTheVocabularyBuilder() {
        ParsedCaption parsed = parser.parse("a man is reaching for something in the truck bed");
        Mention compound = mention(parsed, "truck bed").orElseThrow();
        assertThat(compound.tag()).isNull();
        assertThat(compound.kind()).isEqualTo(OBJECT_SCENE);
        assertThat(compound.lemma()).isEqualTo("truck bed");
        // the compound names one thing, its head: the modifier is no truck in the picture
        assertThat(names(parsed)).contains("bed").doesNotContain("truck");
    }

    @Test
    void aQuantityNounWithANounModifierCountsTheModifier() {
        assertThat(tags("A captive elephant family has their pictures taken.")).contains("elephant")
                .doesNotContain("family");
        assertThat(tags("The elephant family is walking down the road.")).contains("elephant", "road")
                .doesNotContain("family");
        assertThat(tags("a family is sitting down at a table to have cake")).contains("family", "table", "cake");
    }

    /** a noun "compound" with an -ing head is mostly a thing with its participle, misread as one noun */
    @Test
    void aNounBeforeAnIngWordIsAThingOfThePicture() {
        assertThat(tags("Sheep grazing in a grassy field by itself.")).contains("sheep", "field");
        assertThat(tags("A snowboarder balancing while moving through a curve.")).contains("snowboarder");
        assertThat(tags("A white cat feeding on some cereals on a bowl")).contains("cat", "bowl");
    }

    /** "A man races a horse": the tagger's plural noun under a singular article is the verb of its subject */
    @Test
    void aPluralUnderASingularArticleIsAVerbAndItsSubjectAThing() {
        ParsedCaption races = parser.parse("A man races a horse on a dirt track.");
        assertThat(names(races)).contains("man", "horse", "dirt track");
        assertThat(mention(races, "races").orElseThrow().kind()).isEqualTo(ACTION);
        assertThat(races.mentions()).noneMatch(m -> m.surface().equals("man races"));
        assertThat(tags("A surfer paddles over a wave in clear blue water.")).contains("surfer", "wave");
        assertThat(tags("A man skateboards on a skateboard in a concrete area")).contains("man", "skateboard");
    }

    @Test
    void aHolderShowsWhatItHolds() {
        assertThat(tags("A large church building with a massive clock tower.")).contains("clock", "tower");
        assertThat(tags("Four toothbrushes sit in the holes of a toothbrush holder.")).contains("toothbrush");
        assertThat(tags("A bathroom sink with a towel rack, hair dryer and a mirror.")).contains("towel", "bathroom sink");
    }

    @Test
    void aCompoundAcrossAVerbOrAConjunctionIsAMisreadingAndItsFirstNounAThing() {
        assertThat(tags("A man wearing sunglasses and a black hat.")).contains("man", "sunglasses", "hat");
        assertThat(tags("a horse and a donkey eating grass in a fenced in pasture")).contains("horse", "donkey");
        // a true compound keeps its first noun out
        assertThat(tags("A skateboarder is on top of a cement bowl.")).contains("skateboarder", "bowl")
                .doesNotContain("cement");
    }

    @Test
    void aPartOrPlaceShowsWhatItIsPartOf() {
        assertThat(tags("A woman makes eggs on the stove top.")).contains("woman", "egg", "stove");
        assertThat(tags("A cat is looking at a laptop screen.")).contains("cat", "laptop", "screen");
        assertThat(tags("A rusted train engine in a sunny day.")).contains("train", "engine");
        // a quantity before the part is none
        assertThat(tags("A pizza sitting on a table, with a couple slices on it.")).contains("pizza", "slice")
                .doesNotContain("couple");
    }

    @Test
    void anAdjectiveWithAnArticleAndNoNounIsTheNoun() {
        assertThat(tags("A person with a remote in a room.")).contains("person", "remote", "room");
        assertThat(tags("A dog is sitting on a couch by a remote.")).contains("dog", "couch", "remote");
        assertThat(kinds(parser.parse("A black cat sitting in a field of grass."), ATTRIBUTE)).contains("black");
    }

    // ------------------------------------------------------------------ part of speech

    @Test
    void partOfSpeechDecidesBetweenColourAndFruit() {
        Mention fruit = mention("A glass bowl filled with oranges on a table.", "oranges").orElseThrow();
        assertThat(fruit.kind()).isEqualTo(OBJECT_SCENE);
        assertThat(fruit.tag().tagName()).isEqualTo("orange");
        Mention colour = mention("An orange cat sitting in front of a door to a house.", "orange").orElseThrow();
        assertThat(colour.kind()).isEqualTo(ATTRIBUTE);
    }

    @Test
    void quantifiersNumbersAndDeterminersAreNeverTags() {
        assertThat(surfaces("A couple of people sitting in chairs behind an airplane."))
                .doesNotContain("couple", "A", "an").contains("people", "chairs", "airplane");
        assertThat(surfaces("A bunch of bananas sitting on top of a wooden table."))
                .doesNotContain("bunch", "top").contains("bananas", "table");
        assertThat(surfaces("A pair of girls sit on a bench outside.")).doesNotContain("pair").contains("girls");
        assertThat(surfaces("A group of kids holding teddy bears and looking happy."))
                .doesNotContain("group").contains("kids", "teddy bears");
        assertThat(surfaces("Three computers without screens sit on a desk.")).doesNotContain("Three")
                .contains("computers", "desk");
        assertThat(tags("A couple of people sitting in chairs behind an airplane.")).contains("person");
    }

    @Test
    void aCoupleWithoutOfIsATag() {
        assertThat(tags("A couple sitting on a bench in a park.")).contains("couple", "bench", "park");
    }

    // ------------------------------------------------------------------ negation

    @Test
    void negatedThingsAreMarkedAndAreNotTags() {
        ParsedCaption noPeople = parser.parse("A train is scene in the station with no people around.");
        assertThat(mention(noPeople, "people").orElseThrow().negated()).isTrue();
        assertThat(names(noPeople)).contains("train", "station").doesNotContain("person");

        ParsedCaption noShirt = parser.parse("A man without a shirt in a park holding a beer and a frisbee.");
        assertThat(mention(noShirt, "shirt").orElseThrow().negated()).isTrue();
        assertThat(names(noShirt)).contains("man", "park", "beer", "frisbee").doesNotContain("shirt");

        ParsedCaption noOne = parser.parse("A fully-stocked kitchen with no one in it.");
        Mention nobody = mention(noOne, "no one").orElseThrow();
        assertThat(nobody.negated()).isTrue();
        assertThat(nobody.tag().tagName()).isEqualTo("person");
        assertThat(names(noOne)).containsExactly("kitchen");

        ParsedCaption nobodyHere = parser.parse("Nobody is sitting on the white sofa in the living room.");
        assertThat(mention(nobodyHere, "Nobody").orElseThrow().negated()).isTrue();
        assertThat(names(nobodyHere)).contains("white", "living room").doesNotContain("person");
    }

    @Test
    void negationReachesBareConjunctsAndNotWearing() {
        ParsedCaption parsed = parser.parse("Three computers without screens or keyboards sit on a desk.");
        assertThat(mention(parsed, "keyboards").orElseThrow().negated()).isTrue();
        ParsedCaption bareHead = parser.parse("A skier not wearing a helmet goes down the slope.");
        assertThat(mention(bareHead, "helmet").orElseThrow().negated()).isTrue();
        assertThat(names(bareHead)).contains("skier", "slope").doesNotContain("helmet");
    }

    @Test
    void whatSomethingIsOnlyLikenedToIsNotThere() {
        ParsedCaption umbrella = parser.parse(
                "an umbrella decorated like a bear resting on a bed next to a teddy bear");
        assertThat(mention(umbrella, "bear").orElseThrow().negated()).isTrue();
        assertThat(names(umbrella)).contains("umbrella", "bed", "teddy").doesNotContain("bear");
        assertThat(tags("A set up small chocolate cakes decorated like trains.")).contains("chocolate cake")
                .doesNotContain("train");
        assertThat(tags("A miniature Lego set mimicking a kitchen and people.")).contains("lego")
                .doesNotContain("kitchen", "person");
        // how many something is for is no one there
        ParsedCaption settings = parser.parse("A table with place settings for 7 people.");
        assertThat(mention(settings, "people").orElseThrow().negated()).isTrue();
        assertThat(names(settings)).contains("table").doesNotContain("person");
        // "like" after a noun gives examples, which are there
        assertThat(tags("A display of different items like scissors and a sink")).contains("scissors", "sink");
    }

    @Test
    void aStuffedAnimalIsAToyNotTheAnimal() {
        ParsedCaption bears = parser.parse("a stuffed bear holding a bear umbrella next to a little stuffed bear");
        assertThat(bears.mentions()).filteredOn(m -> m.surface().equals("bear")).hasSize(2)
                .allMatch(Mention::negated);
        assertThat(names(bears)).contains("umbrella").doesNotContain("bear");
        assertThat(tags("Two stuffed teddy bears sitting on a wooden chair in a yard.")).contains("teddy", "chair");
        assertThat(tags("a cute little kitty laying among stuffed animals")).contains("stuffed animal");
    }

    // ------------------------------------------------------------------ attributes and actions

    @Test
    void attributesComeFromModifiersOfThings() {
        ParsedCaption parsed = parser.parse("A black and orange cat sitting on a wooden counter top.");
        assertThat(kinds(parsed, ATTRIBUTE)).contains("black", "orange", "wooden");
        assertThat(mention(parsed, "wooden").orElseThrow().tag()).isNull();
        assertThat(kinds(parser.parse("A cat is laying on sofa and the dog is brown."), ATTRIBUTE)).contains("brown");
        assertThat(kinds(parser.parse("A couple of people sitting in chairs behind an airplane."), ATTRIBUTE))
                .isEmpty();
    }

    @Test
    void actionsAreVerbsLinkingThings() {
        ParsedCaption riding = parser.parse("A person is riding a motorcycle on a city street.");
        assertThat(kinds(riding, ACTION)).containsExactly("riding");
        assertThat(mention(riding, "riding").orElseThrow().tag().tagName()).isEqualTo("ride");
        assertThat(kinds(parser.parse("A baby holding a spoon looking at a cupcake and candle."), ACTION))
                .contains("holding", "looking");
        assertThat(kinds(parser.parse("A woman sitting on a bench in the middle of the city"), ACTION))
                .containsExactly("sitting");
        assertThat(kinds(parser.parse("There is a cat on the bed."), ACTION)).isEmpty();
    }

    /** round 4: a light verb's object names the action; "side by side" and "cream colored" name no thing */
    @Test
    void lightVerbsPhrasesAndColourNounsAreNoTags() {
        assertThat(tags("Three brown bears taking a walk through some grass.")).contains("brown bear", "walk", "grass")
                .doesNotContain("take");
        assertThat(tags("A man takes a picture of the beach.")).contains("take", "man", "beach");
        assertThat(tags("A single surfer striking a pose after catching a wave.")).contains("surfer", "wave")
                .doesNotContain("strike");
        assertThat(tags("Two zebras standing side by side in a field")).contains("zebra", "field")
                .doesNotContain("side");
        assertThat(tags("There is a cream colored couch behind the oval coffee table.")).contains("couch", "table")
                .doesNotContain("cream");
        assertThat(tags("A slice of cake with cream on a plate.")).contains("cream", "cake", "plate");
    }

    /** round 5: the viewer's verbs and camera, what a sign says, and toys of things are no tags */
    @Test
    void theViewerSignsAndToysAreNoTags() {
        assertThat(tags("From the rear, we see a horse standing between two cars parked in a parking lot."))
                .contains("horse", "car").doesNotContain("see");
        assertThat(tags("A man sees a horse in a field.")).contains("see", "man", "horse");
        assertThat(tags("A man in a jacket and hat looks at the camera.")).contains("man", "jacket")
                .doesNotContain("camera");
        assertThat(tags("A man holding a camera on a street.")).contains("camera", "man");
        assertThat(tags("A highway road sign directing the way ahead.")).contains("road sign")
                .doesNotContain("direct");
        assertThat(tags("Signs hung over the streets of a city")).contains("hang", "sign");
        ParsedCaption toys = parser.parse("A laptop sitting on plastic blocks with some toy people.");
        assertThat(mention(toys, "people").orElseThrow().negated()).isTrue();
        assertThat(names(toys)).contains("laptop", "toy").doesNotContain("person");
    }

    @Test
    void spansAreTokenIndicesOverTheWholeCaption() {
        ParsedCaption parsed = parser.parse("Two dogs play. A cat sleeps on a couch.");
        Mention dogs = mention(parsed, "dogs").orElseThrow();
        assertThat(dogs.start()).isEqualTo(1);
        assertThat(dogs.end()).isEqualTo(2);
        assertThat(dogs.lemma()).isEqualTo("dog");
        assertThat(dogs.tag().rule()).isEqualTo(MatchRule.EXACT);
        Mention couch = mention(parsed, "couch").orElseThrow();
        assertThat(couch.start()).isEqualTo(9);
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void emptyAndBlankCaptionsHaveNoMentions() {
        assertThat(parser.parse("").mentions()).isEmpty();
        assertThat(parser.parse("   \t ").mentions()).isEmpty();
        assertThat(parser.parse(null).mentions()).isEmpty();
    }

    @Test
    void aHugeCaptionIsReadUpToTheLimit() {
        String huge = "A dog on a couch. ".repeat(600);
        assertThat(huge.length()).isGreaterThan(10_000);
        ParsedCaption parsed = parser.parse(huge);
        assertThat(names(parsed)).containsExactly("dog", "couch");
        assertThat(parsed.mentions().get(parsed.mentions().size() - 1).end())
                .isLessThanOrEqualTo(CaptionParser.MAX_CHARS / 3);
        String noSpaces = "x".repeat(10_000);
        assertThat(parser.parse(noSpaces).mentions()).allMatch(m -> m.surface().length() <= CaptionParser.MAX_CHARS);
    }

    @Test
    void emojiAndOtherScriptsAreSkippedAndTheLatinWordsStillRead() {
        assertThat(parser.parse("一只狗坐在沙发上").mentions()).isEmpty();
        assertThat(parser.parse("🐶🛋️").mentions()).isEmpty();
        assertThat(parser.parse("Собака на диване").mentions()).isEmpty();
        assertThat(tags("A dog 🐶 sleeping on a couch 沙发 \uFFFD.")).contains("dog", "couch");
    }

    // ------------------------------------------------------------------ helpers

    private static List<String> tags(String caption) {
        return names(parser.parse(caption));
    }

    private static List<String> names(ParsedCaption parsed) {
        return parsed.tags().stream().map(TagMatch::tagName).toList();
    }

    private static List<String> surfaces(String caption) {
        return parser.parse(caption).mentions().stream().map(Mention::surface).toList();
    }

    private static List<String> kinds(ParsedCaption parsed, io.tagforge.labelsystem.tag.TagKind kind) {
        return parsed.mentions().stream().filter(m -> m.kind() == kind).map(Mention::surface).toList();
    }

    private static Optional<Mention> mention(String caption, String surface) {
        return mention(parser.parse(caption), surface);
    }

    private static Optional<Mention> mention(ParsedCaption parsed, String surface) {
        return parsed.mentions().stream().filter(m -> m.surface().equals(surface)).findFirst();
    }
}
