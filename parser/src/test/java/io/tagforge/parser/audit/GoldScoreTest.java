package io.tagforge.parser.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagforge.parser.audit.GoldScore.Outcome;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a judged row is scored against what the parser emits over its span now. */
class GoldScoreTest {

    private static GoldRow row(String tag, GoldRow.Verdict verdict, String... accept) {
        return new GoldRow(7, "dev", "uniform", "coco-val2017", "55002", "A plane in the air.", 4, 5, "air", "air",
                "OBJECT_SCENE", tag, "HYPERNYM", verdict, List.of(accept), "");
    }

    @Test
    void theJudgedTagKeepsItsVerdict() {
        assertThat(GoldScore.outcome(row("gas", GoldRow.Verdict.WRONG), List.of("gas"))).isEqualTo(Outcome.WRONG);
        assertThat(GoldScore.outcome(row("sky", GoldRow.Verdict.CORRECT, "sky"), List.of("sky")))
                .isEqualTo(Outcome.CORRECT);
    }

    @Test
    void anotherTagIsCorrectWhenAcceptedWrongWhereNoneIsAndElseNeedsJudging() {
        assertThat(GoldScore.outcome(row("gas", GoldRow.Verdict.WRONG, "sky"), List.of("sky")))
                .isEqualTo(Outcome.CORRECT);
        assertThat(GoldScore.outcome(row("gas", GoldRow.Verdict.WRONG), List.of("atmosphere")))
                .isEqualTo(Outcome.WRONG);
        assertThat(GoldScore.outcome(row("gas", GoldRow.Verdict.WRONG, "sky"), List.of("atmosphere")))
                .isEqualTo(Outcome.CHANGED);
    }

    @Test
    void noTagAnyMoreIsDroppedByWhatItWas() {
        assertThat(GoldScore.outcome(row("gas", GoldRow.Verdict.WRONG), List.of())).isEqualTo(Outcome.DROPPED_WRONG);
        assertThat(GoldScore.outcome(row("sky", GoldRow.Verdict.CORRECT, "sky"), List.of()))
                .isEqualTo(Outcome.DROPPED_CORRECT);
    }

    @Test
    void aFileRoundTripsAndABadLineNamesItsField(@TempDir Path dir) throws IOException {
        StringWriter out = new StringWriter();
        GoldFile.write(out, List.of(row("sky", GoldRow.Verdict.CORRECT, "sky", "air")));
        Path file = dir.resolve("gold.tsv");
        Files.writeString(file, out.toString());
        assertThat(GoldFile.read(file)).containsExactly(row("sky", GoldRow.Verdict.CORRECT, "sky", "air"));

        Files.writeString(file, out.toString().replace("\tcorrect\t", "\tmaybe\t"));
        assertThatThrownBy(() -> GoldFile.read(file)).isInstanceOf(GoldFormatException.class)
                .hasMessage(file + ":2: verdict: 'maybe' is not correct or wrong");
    }
}
