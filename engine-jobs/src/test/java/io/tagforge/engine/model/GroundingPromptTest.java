package io.tagforge.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Prompts of the tiny Grounding-DINO's tokenizer.json (vocabulary in make_tiny_models.py TOKENS). */
class GroundingPromptTest {

    private static final Path TOKENIZER = TestModels.folder("grounding-dino").resolve("tokenizer.json");
    // ids of the tiny vocabulary
    private static final long CLS = 2, SEP = 3, DOT = 4, RED = 5, FIRE = 6, HY = 7, DRANT = 8, TREE = 11, DOG = 17,
            COUCH = 18, PLURAL = 19, UNK = 1;

    private static PhraseTokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = PhraseTokenizer.load(TOKENIZER);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void aMultiPhrasePromptHoldsEachPhrasesWordPiecesBetweenSeparatorsAndKnowsTheirSpans() throws Exception {
        List<GroundingPrompt> prompts = GroundingPrompt.pack(List.of("Dog", "couch", "fire hydrant", "trees", "dog"),
                tokenizer, 256);

        assertThat(prompts).hasSize(1);
        GroundingPrompt prompt = prompts.get(0);
        assertThat(prompt.text()).isEqualTo("dog . couch . fire hydrant . trees .");
        assertThat(prompt.phrases()).containsExactly("Dog", "couch", "fire hydrant", "trees");
        assertThat(prompt.ids()).containsExactly(CLS, DOG, DOT, COUCH, DOT, FIRE, HY, DRANT, DOT, TREE, PLURAL, DOT, SEP);
        assertThat(prompt.starts()).containsExactly(1, 3, 5, 9);
        assertThat(prompt.ends()).containsExactly(2, 4, 8, 11);
        // the same ids as HF tokenizers give for the whole prompt text, [CLS] and [SEP] added
        try (HuggingFaceTokenizer whole = HuggingFaceTokenizer.newInstance(TOKENIZER)) {
            assertThat(whole.encode(prompt.text()).getIds()).containsExactly(prompt.ids());
            assertThat(whole.encode("Dog. Couch. Fire Hydrant. Trees.").getIds()).containsExactly(prompt.ids());
        }
    }

    @Test
    void wordsOutsideTheVocabularyAreUnknownAndAPhraseOfUnknownsOnlyNamesNothing() {
        assertThat(tokenizer.ids("Unicorn")).containsExactly(UNK);
        assertThat(tokenizer.known("unicorn")).isFalse();
        assertThat(tokenizer.ids("dark red")).containsExactly(UNK, RED);
        assertThat(tokenizer.known("dark red")).isTrue();
    }

    @Test
    void moreCandidatesThanAPromptHoldsAreSplitInOrderAndAPhraseTooLongForAnyPromptIsRefused() {
        List<String> words = List.of("red", "green", "blue", "car", "tree", "sky", "water", "field", "dog", "couch");
        List<String> phrases = new ArrayList<>();
        for (String a : words) {
            for (String b : words) {
                phrases.add(a + " " + b);
            }
        }
        phrases.add("fire hydrant");
        // 100 two-token phrases + a three-token one: 2 + 100 * 3 + 4 = 306 tokens
        List<GroundingPrompt> prompts = GroundingPrompt.pack(phrases, tokenizer, 256);

        assertThat(prompts).hasSize(2);
        assertThat(prompts.get(0).length()).isEqualTo(2 + 84 * 3).isLessThanOrEqualTo(256);
        assertThat(prompts.get(1).length()).isEqualTo(2 + 16 * 3 + 4);
        List<String> all = new ArrayList<>();
        prompts.forEach(p -> all.addAll(p.phrases()));
        assertThat(all).isEqualTo(phrases);
        GroundingPrompt last = prompts.get(1);
        int hydrant = last.phrases().size() - 1;
        assertThat(last.ids()).startsWith(CLS).endsWith(FIRE, HY, DRANT, DOT, SEP);
        assertThat(last.starts()[hydrant]).isEqualTo(last.length() - 5);
        assertThat(last.ends()[hydrant]).isEqualTo(last.length() - 2);

        String tooLong = String.join(" ", Collections.nCopies(254, "red"));
        assertThatThrownBy(() -> GroundingPrompt.pack(List.of("dog", tooLong), tokenizer, 256))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("is 254 tokens, a prompt holds 256 with [CLS], '.' and [SEP]; ask knows() first");
        assertThat(GroundingPrompt.pack(List.of(tooLong.substring(4)), tokenizer, 256).get(0).length()).isEqualTo(256);
    }
}
