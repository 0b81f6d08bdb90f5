package io.tagforge.parser.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagforge.parser.caption.CaptionParser;
import io.tagforge.parser.caption.ParsedCaption;
import io.tagforge.parser.testing.RamListVocabulary;
import io.tagforge.labelsystem.shareddata.SharedData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ParseServiceTest {

    private static final RamListVocabulary VOCABULARY = RamListVocabulary.load();
    private static List<String> captions;

    @BeforeAll
    static void readCaptions() throws IOException {
        JsonNode coco = new ObjectMapper().readTree(
                SharedData.dir().resolve("datasets/coco-captions_val2017.json").toFile());
        captions = new ArrayList<>();
        for (JsonNode a : coco.get("annotations")) {
            if (captions.size() == 100) {
                break;
            }
            captions.add(a.get("caption").asText());
        }
    }

    @Test
    void twoThreadsGiveTheOneThreadResultsInInputOrder() {
        CaptionParser single = new CaptionParser(VOCABULARY);
        List<ParsedCaption> expected = captions.stream().map(c -> single.parse(CaptionCache.tidy(c))).toList();
        try (ParseService service = new ParseService(VOCABULARY, 2)) {
            assertThat(service.parseAll(captions)).isEqualTo(expected);
            assertThat(service.failures()).isZero();
        }
    }

    @Test
    void repeatedCaptionsAreParsedOnceAndComeOutInPlace() {
        List<String> repeated = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            repeated.add(captions.get(i));
            repeated.add(captions.get(i).toUpperCase().replace(" ", "  ") + " .");
            repeated.add("");
        }
        try (ParseService service = new ParseService(VOCABULARY, 2, 10)) {
            List<ParsedCaption> results = service.parseAll(repeated);
            assertThat(results).hasSize(90);
            assertThat(service.cacheHits()).isEqualTo(30);
            for (int i = 0; i < 30; i++) {
                assertThat(results.get(3 * i + 1)).isSameAs(results.get(3 * i));
                assertThat(results.get(3 * i + 2).mentions()).isEmpty();
            }
            assertThat(results.get(0).tags()).isNotEmpty();
        }
    }

    @Test
    void theCacheForgetsTheLeastRecentlyUsed() {
        try (ParseService service = new ParseService(VOCABULARY, 1, 2)) {
            service.parseAll(List.of("A dog.", "A cat.", "A dog.", "A bird.", "A cat.", "A dog."));
            // A dog, A cat, [hit A dog], A bird evicts A cat, A cat evicts A dog, A dog parsed again
            assertThat(service.cacheHits()).isEqualTo(1);
        }
    }
}
