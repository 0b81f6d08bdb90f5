package io.tagforge.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HF's Grounding-DINO post-processing on recorded logits and boxes of the prompts "dog . fire hydrant ." and
 * "car . red car ." (phrases sharing a token): the score is the query's best probability over every text
 * position, the label the phrase holding its best position above the text threshold.
 */
class GroundingOutputsTest {

    private static final int WIDTH = 16;
    private static final int QUERIES = 12;
    // [CLS] dog . fire hy ##drant . [SEP]
    private static final int CLS = 0, DOG = 1, DOT = 2, FIRE = 3, HY = 4, DRANT = 5, SEP = 7;
    // [CLS] car . red car . [SEP]
    private static final int CAR = 1, RED = 3, RED_CAR = 4;
    private static GroundingPrompt dogs;
    private static GroundingPrompt cars;

    private final float[] logits = new float[QUERIES * WIDTH];
    private final float[] boxes = new float[QUERIES * 4];

    @BeforeAll
    static void prompts() {
        try (PhraseTokenizer tokenizer = PhraseTokenizer.load(TestModels.folder("grounding-dino").resolve("tokenizer.json"))) {
            dogs = GroundingPrompt.pack(List.of("dog", "fire hydrant"), tokenizer, 256).get(0);
            cars = GroundingPrompt.pack(List.of("car", "red car"), tokenizer, 256).get(0);
        }
    }

    private void query(int q, float cx, float cy, float w, float h, float... probabilityAt) {
        Arrays.fill(logits, q * WIDTH, (q + 1) * WIDTH, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < probabilityAt.length; i += 2) {
            float p = probabilityAt[i + 1];
            logits[q * WIDTH + (int) probabilityAt[i]] = (float) Math.log(p / (1 - p));
        }
        System.arraycopy(new float[] {cx, cy, w, h}, 0, boxes, q * 4, 4);
    }

    private List<Detection> decode(GroundingPrompt prompt, int run, int queries) {
        return GroundingOutputs.decode(prompt, logits, boxes, run, queries, WIDTH, 0.35f, 0.25f, 1, 1);
    }

    @Test
    void scoresAQueryByItsBestPositionAndNamesItByThePhraseHoldingItsBestPositionAboveTheTextThreshold() {
        query(0, 0.5f, 0.5f, 0.2f, 0.4f, DOG, 0.88f, FIRE, 0.3f);
        query(1, 0.5f, 0.5f, 0.2f, 0.2f, DOG, 0.34f, FIRE, 0.3f, HY, 0.33f);          // best position under 0.35
        query(2, 0.95f, 0.05f, 0.3f, 0.3f, DOG, 0.5f, FIRE, 0.6f, HY, 0.3f, DRANT, 0.2f); // corner outside: clamped
        query(3, 0.5f, 0.5f, 0.2f, 0.2f, DOT, 0.9f, CLS, 0.8f, DOG, 0.25f);             // no phrase above 0.25
        query(4, 0.3f, 0.3f, 0f, 0.2f, DOG, 0.7f);                                      // no width
        query(5, 0.5f, 0.5f, 0.2f, 0.2f, DOG, 0.7f, FIRE, 0.7f, HY, 0.3f);             // tie: more positions win
        query(6, 1.5f, 0.5f, 0.2f, 0.2f, DOG, 0.9f);                                    // wholly outside the image
        query(7, 0.5f, 0.5f, 0.2f, 0.2f, DOT, 0.5f, DOG, 0.3f, 10, 0.99f);             // past [SEP] counts for the score
        query(8, 0.5f, 0.5f, 0.2f, 0.2f, DOG, 0.25f, HY, 0.36f);                       // dog: 0.25 is not above 0.25
        query(9, 0.5f, 0.5f, 0.2f, 0.2f, SEP, 0.8f, DOG, 0.3f);                        // [SEP] scores, dog names
        query(10, 0.5f, 0.5f, 0.2f, 0.2f, DOG, 0.6f, FIRE, 0.6f);                      // full tie: the first phrase
        query(11, 0.5f, 0.5f, 0.2f, 0.2f, WIDTH - 1, 0.9f);                            // last position never names

        List<Detection> found = decode(dogs, 0, QUERIES);

        assertThat(found).extracting(Detection::phrase)
                .containsExactly("dog", "fire hydrant", "fire hydrant", "dog", "fire hydrant", "dog", "dog");
        assertBox(found.get(0), 0.4f, 0.3f, 0.6f, 0.7f, 0.88f);
        assertBox(found.get(1), 0.8f, 0f, 1f, 0.2f, 0.6f);
        assertBox(found.get(2), 0.4f, 0.4f, 0.6f, 0.6f, 0.7f);
        assertBox(found.get(3), 0.4f, 0.4f, 0.6f, 0.6f, 0.99f);
        assertBox(found.get(4), 0.4f, 0.4f, 0.6f, 0.6f, 0.36f);
        assertBox(found.get(5), 0.4f, 0.4f, 0.6f, 0.6f, 0.8f);
        assertBox(found.get(6), 0.4f, 0.4f, 0.6f, 0.6f, 0.6f);
    }

    @Test
    void phrasesSharingATokenAreToldApartByWhereTheTokenStands() {
        query(0, 0.5f, 0.5f, 0.2f, 0.2f, RED_CAR, 0.8f);             // HF would decode just "car"
        query(1, 0.5f, 0.5f, 0.2f, 0.2f, CAR, 0.8f);
        query(2, 0.5f, 0.5f, 0.2f, 0.2f, CAR, 0.7f, RED_CAR, 0.8f);
        query(3, 0.5f, 0.5f, 0.2f, 0.2f, CAR, 0.5f, RED, 0.45f, RED_CAR, 0.3f);
        query(4, 0.5f, 0.5f, 0.2f, 0.2f, CAR, 0.5f, RED, 0.5f, RED_CAR, 0.3f); // tie on 0.5: red car has 2 above
        assertThat(decode(cars, 0, 5)).extracting(Detection::phrase)
                .containsExactly("red car", "car", "red car", "car", "red car");
    }

    @Test
    void readsTheRowsOfItsOwnRunInABatch() {
        query(0, 0.5f, 0.5f, 0.2f, 0.2f, DOG, 0.9f);
        query(1, 0.5f, 0.5f, 0.2f, 0.2f);
        query(2, 0.25f, 0.75f, 0.5f, 0.5f, HY, 0.5f);
        query(3, 0.5f, 0.5f, 0.2f, 0.2f);
        List<Detection> second = decode(dogs, 1, 2);
        assertThat(second).singleElement().satisfies(d -> assertBox(d, 0f, 0.5f, 0.5f, 1f, 0.5f))
                .extracting(Detection::phrase).isEqualTo("fire hydrant");
        assertThat(decode(dogs, 0, 2)).singleElement().extracting(Detection::phrase).isEqualTo("dog");
    }

    @Test
    void mapsBoxesOfAPaddedCanvasBackToTheImage() {
        // the image filled the left half and top three quarters of the padded canvas
        query(0, 0.25f, 0.375f, 0.2f, 0.3f, DOG, 0.9f);
        List<Detection> found = GroundingOutputs.decode(dogs, logits, boxes, 0, 1, WIDTH, 0.35f, 0.25f, 2f, 4f / 3);
        assertThat(found).singleElement().satisfies(d -> assertBox(d, 0.3f, 0.3f, 0.7f, 0.7f, 0.9f));
    }

    private static void assertBox(Detection d, float x1, float y1, float x2, float y2, float score) {
        assertThat(new float[] {d.x1(), d.y1(), d.x2(), d.y2()}).containsExactly(new float[] {x1, y1, x2, y2},
                within(1e-6f));
        assertThat(d.score()).isCloseTo(score, within(1e-6f));
    }
}
