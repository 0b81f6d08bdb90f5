package io.tagforge.parser.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagforge.parser.service.ParseService;
import io.tagforge.parser.testing.RamVocabularies;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hand-judged gold over all tags ({@code all-tags-gold-dev.tsv}: 1,000 mentions of the COCO val2017 and
 * COCO-MINI train2017 parse, judged by hand, and the fresh uniform samples of rounds 4 and 5, 297 and 296 more
 * val2017 mentions judged before each round's rules) against the current parser and RAM's vocabulary: a change that
 * makes tags wrong again fails here. The floors are what the parser reaches now, below the targets (0.97 over
 * all tags, 0.90 for WordNet rules); raise them as it gets better.
 */
class AllTagsGoldTest {

    private static GoldScore score;

    @BeforeAll
    static void scoreTheDevelopmentGold() throws URISyntaxException {
        Path gold = Path.of(AllTagsGoldTest.class.getResource("all-tags-gold-dev.tsv").toURI());
        List<GoldRow> rows = GoldFile.read(gold);
        assertThat(rows).hasSize(1593).allMatch(GoldRow::judged);
        try (ParseService service = new ParseService(RamVocabularies.ram(), 2)) {
            score = GoldScore.score(rows, service);
        }
        System.out.println(score.report());
    }

    @Test
    void precisionOverAllTags() {
        GoldScore.Tally uniform = score.tally(r -> r.stratum().equals(GoldRow.UNIFORM));
        assertThat(uniform.precision()).isGreaterThanOrEqualTo(UNIFORM_FLOOR);
    }

    @Test
    void precisionOfWordNetRules() {
        GoldScore.Tally wordNet = score.tally(GoldRow::wordNetRule);
        assertThat(wordNet.precision()).isGreaterThanOrEqualTo(WORDNET_FLOOR);
    }

    /** Tags the parser emits where the judges found none right come back as wrong, not as changed. */
    @Test
    void fewTagsNeedJudgingAgain() {
        assertThat(score.tally(r -> true).changed()).isLessThan(20);
    }

    /** round 6: the whole file reaches 0.951 and 0.907; the fresh samples (tuned on less) pull it down */
    private static final double UNIFORM_FLOOR = 0.948;
    private static final double WORDNET_FLOOR = 0.90;
}
