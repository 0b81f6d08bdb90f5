package io.tagforge.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HF's Grounding-DINO post-processing on hand-made logits and boxes of the prompt "dog . fire hydrant ." */
class GroundingOutputsTest {

    private static final int WIDTH = 16;
    // [CLS] dog . fire hy ##drant . [SEP]
    private static final int CLS = 0, DOG = 1, DOT = 2, FIRE = 3, HY = 4, DRANT = 5;
    private static GroundingPrompt prompt;

    private final float[] logits = new float[9 * WIDTH];
    private final float[] boxes = new float[9 * 4];

    @BeforeAll
    static void prompt() {
        try (PhraseTokenizer tokenizer = PhraseTokenizer.load(TestModels.folder("grounding-dino").resolve("tokenizer.json"))) {
            prompt = GroundingPrompt.pack(List.of("dog", "fire hydrant"), tokenizer, 256).get(0);
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

    private List<Detection> decode(int run, int queries) {
        return GroundingOutputs.decode(prompt, logits, boxes, run, queries, WIDTH, 0.35f, 0.25f);
    }

    @Test
    void keepsQueriesAboveTheBoxThresholdNamedByTheirBestPhraseWithBoxesAsCornersInTheImage() {
        query(0, 0.5f, 0.5f, 0.2f, 0.4f, DOG, 0.88f, FIRE, 0.3f);
        query(1, 0.5f, 0.5f, 0.2f, 0.2f, DOG, 0.34f, FIRE, 0.3f, HY, 0.33f);          // best token under 0.35
        query(2, 0.95f, 0.05f, 0.3f, 0.3f, DOG, 0.5f, FIRE, 0.6f, HY, 0.3f, DRANT, 0.2f); // corner outside: clamped
        query(3, 0.5f, 0.5f, 0.2f, 0.2f, DOT, 0.9f, CLS, 0.8f, DOG, 0.25f);             // only separators light up
        query(4, 0.3f, 0.3f, 0f, 0.2f, DOG, 0.7f);                                      // no width
        query(5, 0.5f, 0.5f, 0.2f, 0.2f, DOG, 0.7f, FIRE, 0.7f, HY, 0.3f);             // tie: more tokens win
        query(6, 1.5f, 0.5f, 0.2f, 0.2f, DOG, 0.9f);                                    // wholly outside the image
        query(7, 0.5f, 0.5f, 0.2f, 0.2f, DOT, 0.5f, DOG, 0.3f, 10, 0.99f);             // position 10: past [SEP]
        query(8, 0.5f, 0.5f, 0.2f, 0.2f, DOG, 0.25f, HY, 0.36f);                       // dog: 0.25 is not above 0.25

        List<Detection> found = decode(0, 9);

        assertThat(found).extracting(Detection::phrase)
                .containsExactly("dog", "fire hydrant", "fire hydrant", "dog", "fire hydrant");
        assertBox(found.get(0), 0.4f, 0.3f, 0.6f, 0.7f, 0.88f);
        assertBox(found.get(1), 0.8f, 0f, 1f, 0.2f, 0.6f);
        assertBox(found.get(2), 0.4f, 0.4f, 0.6f, 0.6f, 0.7f);
        assertBox(found.get(3), 0.4f, 0.4f, 0.6f, 0.6f, 0.3f);
        assertBox(found.get(4), 0.4f, 0.4f, 0.6f, 0.6f, 0.36f);
    }

    @Test
    void readsTheRowsOfItsOwnRunInABatch() {
        query(0, 0.5f, 0.5f, 0.2f, 0.2f, DOG, 0.9f);
        query(1, 0.5f, 0.5f, 0.2f, 0.2f);
        query(2, 0.25f, 0.75f, 0.5f, 0.5f, HY, 0.5f);
        query(3, 0.5f, 0.5f, 0.2f, 0.2f);
        List<Detection> second = decode(1, 2);
        assertThat(second).singleElement().satisfies(d -> assertBox(d, 0f, 0.5f, 0.5f, 1f, 0.5f))
                .extracting(Detection::phrase).isEqualTo("fire hydrant");
        assertThat(decode(0, 2)).singleElement().extracting(Detection::phrase).isEqualTo("dog");
    }

    private static void assertBox(Detection d, float x1, float y1, float x2, float y2, float score) {
        assertThat(new float[] {d.x1(), d.y1(), d.x2(), d.y2()}).containsExactly(new float[] {x1, y1, x2, y2},
                within(1e-6f));
        assertThat(d.score()).isCloseTo(score, within(1e-6f));
    }
}
