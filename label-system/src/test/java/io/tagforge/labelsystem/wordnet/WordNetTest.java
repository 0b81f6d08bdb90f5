package io.tagforge.labelsystem.wordnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordNetTest {

    static final WordNet wordNet = SharedWordNet.get();

    @Test
    void sensesComeMostFrequentFirst() {
        List<Synset> dog = wordNet.senses("dog", PartOfSpeech.NOUN);
        assertThat(dog).hasSize(7);
        assertThat(dog.get(0).lemmas()).contains("dog", "domestic dog", "Canis familiaris");
        assertThat(dog.get(0).gloss()).contains("domesticated");
        assertThat(wordNet.senses("DOG", PartOfSpeech.NOUN)).isEqualTo(dog);
        assertThat(wordNet.senses("dog", PartOfSpeech.ADJECTIVE)).isEmpty();
    }

    @Test
    void sensesOfMultiwordLemmas() {
        assertThat(wordNet.contains("teddy bear", PartOfSpeech.NOUN)).isTrue();
        assertThat(wordNet.contains("teddy_bear", PartOfSpeech.NOUN)).isTrue();
        assertThat(wordNet.senses("fire hydrant", PartOfSpeech.NOUN).get(0).lemmas()).containsExactly("fireplug", "fire hydrant", "plug");
    }

    @Test
    void senseRankOfASharedSynset() {
        Synset sidewalk = wordNet.senses("sidewalk", PartOfSpeech.NOUN).get(0);
        assertThat(wordNet.senseRank("sidewalk", sidewalk)).isZero();
        assertThat(wordNet.senseRank("pavement", sidewalk)).isEqualTo(2);
        assertThat(wordNet.senseRank("dog", sidewalk)).isEqualTo(-1);
    }

    @Test
    void synonymsFromTheFirstSenseOn() {
        assertThat(wordNet.synonyms("sofa", PartOfSpeech.NOUN)).startsWith("couch", "lounge");
        assertThat(wordNet.synonyms("airplane", PartOfSpeech.NOUN)).contains("plane", "aeroplane");
    }

    @Test
    void baseFormsOfIrregularAndRegularInflections() {
        assertThat(wordNet.baseForms("mice", PartOfSpeech.NOUN)).containsExactly("mouse");
        assertThat(wordNet.baseForms("knives", PartOfSpeech.NOUN)).containsExactly("knife");
        assertThat(wordNet.baseForms("geese", PartOfSpeech.NOUN)).containsExactly("goose");
        assertThat(wordNet.baseForms("dogs", PartOfSpeech.NOUN)).containsExactly("dog");
        assertThat(wordNet.baseForms("ran", PartOfSpeech.VERB)).contains("run");
        assertThat(wordNet.baseForms("teddy bears")).contains("teddy bear");
        assertThat(wordNet.exceptions(PartOfSpeech.NOUN)).containsEntry("mice", List.of("mouse"));
    }

    @Test
    void hypernymChainsClimbFromTheSense() {
        Synset puppy = wordNet.senses("puppy", PartOfSpeech.NOUN).get(0);
        List<List<Synset>> chains = wordNet.hypernymChains(puppy, 3);
        assertThat(chains).isNotEmpty().allSatisfy(chain -> assertThat(chain).hasSizeLessThanOrEqualTo(3));
        // a puppy is both a dog and a pup (young mammal): two chains
        List<Synset> parents = wordNet.hypernyms(puppy);
        assertThat(parents).extracting(s -> s.lemmas().get(0)).containsExactlyInAnyOrder("dog", "pup");
        assertThat(chains).extracting(chain -> chain.get(0)).containsAll(parents);
        assertThat(chains).anySatisfy(chain -> assertThat(chain.get(1).lemmas()).contains("canine"));
        assertThat(wordNet.hyponyms(parents.get(0))).contains(puppy);
    }

    @Test
    void synsetKeysRoundTrip() {
        Synset couch = wordNet.senses("couch", PartOfSpeech.NOUN).get(0);
        assertThat(couch.key()).matches("n\\d{8}");
        assertThat(wordNet.synset(couch.key())).isEqualTo(couch);
    }

    @Test
    void extractsIntoAFreshDataHome(@TempDir Path dataHome) throws Exception {
        Path target = WordNetFiles.defaultDirectory(dataHome);
        assertThat(target).isEqualTo(dataHome.resolve("cache/wordnet-3.1"));
        Path dir = target.getParent();
        try (WordNet fresh = WordNet.open(target)) {
            assertThat(fresh.contains("couch", PartOfSpeech.NOUN)).isTrue();
        }
        assertThat(target.resolve("data.noun")).exists();
        assertThat(Files.list(dir)).containsExactly(target);
        // a second open reuses the files
        try (WordNet again = WordNet.open(target)) {
            assertThat(again.senses("mouse", PartOfSpeech.NOUN)).isNotEmpty();
        }
    }
}
