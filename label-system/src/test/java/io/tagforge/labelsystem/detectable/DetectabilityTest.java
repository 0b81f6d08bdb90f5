package io.tagforge.labelsystem.detectable;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagforge.labelsystem.shareddata.SharedData;
import io.tagforge.labelsystem.tag.TagKind;
import io.tagforge.labelsystem.wordnet.SharedWordNet;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The WordNet proposal of detectable tags, on names of RAM's tag list. */
class DetectabilityTest {

    private final Detectability detectability = new Detectability(SharedWordNet.get());

    @Test
    void thingsAPersonCouldDrawABoxAroundAreDetectable() {
        for (String name : List.of("dog", "person", "man", "pizza", "tree", "hand", "mountain", "fire hydrant",
                "couch", "teddy bear", "dogs", "baseball glove", "animal", "food")) {
            assertThat(detectability.propose(name, TagKind.OBJECT_SCENE)).as(name).isTrue();
        }
    }

    @Test
    void attributesActionsAbstractionsAndScenesAreNot() {
        for (String name : List.of("white", "red", "sit", "run", "outdoor", "happy", "city", "beauty", "night",
                "3D CG rendering")) {
            assertThat(detectability.propose(name, TagKind.OBJECT_SCENE)).as(name).isFalse();
        }
        // a tag list's own kind wins over WordNet
        assertThat(detectability.propose("dog", TagKind.ACTION)).isFalse();
        assertThat(detectability.propose("orange", TagKind.ATTRIBUTE)).isFalse();
    }

    @Test
    void ramsListIsMostlyThings() throws IOException {
        List<String> names = Files.readAllLines(SharedData.dir().resolve("ram/ram_tag_list.txt"));
        long detectable = names.stream().filter(n -> detectability.propose(n, TagKind.OBJECT_SCENE)).count();
        // RAM's 4585 tags mix objects with scenes, attributes and actions; most are things
        assertThat(detectable).isBetween(2500L, 3800L);
    }
}
