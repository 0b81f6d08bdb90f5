package io.tagforge.engine.parse;

import io.tagforge.labelsystem.error.TagforgeException;
import io.tagforge.engine.app.SharedFolder;
import io.tagforge.parser.audit.GoldFile;
import io.tagforge.parser.audit.GoldRow;
import io.tagforge.parser.audit.GoldScore;
import io.tagforge.parser.service.ParseService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./tagforge parse audit score --gold FILE...}: the hand-judged gold against the current parser. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Parses each judged gold caption again and compares the tags over each judged span: the "
                + "judged tag keeps its verdict, a tag the row accepts is correct, any tag where the row accepts "
                + "none is wrong, another tag is 'changed' (listed, needs judging); no tag any more is 'dropped'.",
                "Prints precision per split: all tags (uniform stratum), WordNet rules, per rule, per corpus."})
class AuditScoreCommand implements Runnable {

    private final SharedFolder shared;
    private final DataSource dataSource;

    @Mixin
    ParserOptions parser;

    @Option(names = "--gold", paramLabel = "FILE", required = true,
            description = "A judged gold TSV (repeat for several; splits are reported separately).")
    List<Path> gold;

    @Option(names = "--wrong", description = "Also list the rows still scored wrong (id, split, rule, surface → "
            + "tags emitted now, the judge's reason, caption).")
    boolean listWrong;

    AuditScoreCommand(SharedFolder shared, DataSource dataSource) {
        this.shared = shared;
        this.dataSource = dataSource;
    }

    @Override
    public void run() {
        List<GoldRow> rows = new ArrayList<>();
        for (Path file : gold) {
            if (!Files.isRegularFile(file)) {
                throw new TagforgeException("--gold " + file + ": no such file");
            }
            rows.addAll(GoldFile.read(file));
        }
        if (rows.stream().noneMatch(GoldRow::judged)) {
            throw new TagforgeException("--gold: no judged row (verdict correct or wrong) in " + gold);
        }
        try (ParseService service = new ParseService(parser.vocabulary(shared, dataSource), parser.threads())) {
            GoldScore score = GoldScore.score(rows, service);
            System.out.print(score.report());
            if (listWrong) {
                System.out.print("\nwrong (id, split, rule, surface → emitted now, reason, caption):\n"
                        + score.wrongRows());
            }
        }
    }
}
