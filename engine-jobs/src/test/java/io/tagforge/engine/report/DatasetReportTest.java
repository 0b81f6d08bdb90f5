package io.tagforge.engine.report;

import io.tagforge.engine.testing.TestCli;
import io.tagforge.labelsystem.transaction.Transactions;
import org.springframework.context.ConfigurableApplicationContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagforge.engine.cleaning.CleaningJob;
import io.tagforge.engine.cleaning.CleaningRequest;
import io.tagforge.labelsystem.assignment.FlagRule;
import io.tagforge.engine.cli.TagforgeCli;
import io.tagforge.engine.generation.GenerationJob;
import io.tagforge.engine.generation.GenerationRequest;
import io.tagforge.engine.job.JobListener;
import io.tagforge.engine.model.ModelDevice;
import io.tagforge.engine.model.TestModels;
import io.tagforge.engine.report.DatasetReport.RuleRow;
import io.tagforge.engine.review.Decision;
import io.tagforge.engine.review.PairReview;
import io.tagforge.engine.testing.EngineFixture;
import io.tagforge.labelsystem.assignment.FlagRule;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import picocli.CommandLine;

/**
 * The pipeline's real jobs on COCO images with the tiny models: original captions with parsed tags, generation
 * (tagger and captioner), cleaning (detector, embedder, tagger), a few review decisions. The report's numbers are
 * checked against counts computed here straight from tag_assignment and tag_pair.
 */
class DatasetReportTest {

    private static final List<String> CATEGORIES = List.of("red", "green", "blue", "bright", "dark", "textured", "car");
    private static EngineFixture f;
    private static String afterGeneration;

    @TempDir
    Path dir;

    @BeforeAll
    static void pipeline() throws Exception {
        f = new EngineFixture("report", 12);
        int user = (int) f.count("INSERT INTO app_user (username, password_hash) VALUES ('rita', '!') RETURNING id");
        int other = (int) f.count("INSERT INTO app_user (username, password_hash) VALUES ('sam', '!') RETURNING id");
        // what the parse job would have written: "car" from two captions of every image, "sky" from one of half
        for (int i = 0; i < f.images.size(); i++) {
            long image = f.images.get(i);
            f.exec("INSERT INTO caption (image_id, origin, text) VALUES (" + image + ", 0, 'a car'), (" + image
                    + ", 0, 'a car under the sky')");
            f.exec("INSERT INTO tag_assignment (image_id, dataset_id, tag_id, caption_id, source) SELECT image_id, "
                    + f.datasetId + ", " + f.tags.get("car") + ", id, 0 FROM caption WHERE image_id = " + image);
            if (i % 2 == 0) {
                f.exec("INSERT INTO tag_assignment (image_id, dataset_id, tag_id, caption_id, source) SELECT image_id, "
                        + f.datasetId + ", " + f.tags.get("sky") + ", id, 0 FROM caption WHERE image_id = " + image
                        + " AND text LIKE '%sky'");
            }
        }
        GenerationJob.run(Transactions.over(f.db), new GenerationRequest("report", TestModels.folder("tagger"), "tiny-colours",
                TestModels.folder("captioner"), 4), f.vocabulary(), "test", JobListener.NONE);
        afterGeneration = f.rows("SELECT computed_by FROM dataset_summary").get(0);
        clean(false);
        // rita decides six flagged pairs (reject, accept, ...), the third last, and undoes it; a clean --recheck
        // flags her accepted pairs again and sam decides two of them, once alike and once not
        List<Long> flagged = f.rows("SELECT id FROM tag_pair WHERE state = 1 ORDER BY id LIMIT 6").stream()
                .map(Long::valueOf).toList();
        assertThat(flagged).hasSize(6);
        PairReview review = new PairReview(f.db, new DataSourceTransactionManager(f.db));
        for (int i : new int[] {0, 1, 3, 4, 5, 2}) {
            review.decide(user, flagged.get(i), i % 2 == 0 ? Decision.REJECT : Decision.ACCEPT);
        }
        assertThat(review.undoLast(user)).containsExactly(flagged.get(2));
        clean(true);
        assertThat(f.rows("SELECT id FROM tag_pair WHERE rechecked AND state = 1 ORDER BY id")).containsExactly(
                String.valueOf(flagged.get(1)), String.valueOf(flagged.get(3)), String.valueOf(flagged.get(5)));
        review.decide(other, flagged.get(1), Decision.REJECT);
        review.decide(other, flagged.get(3), Decision.ACCEPT);
    }

    private static void clean(boolean recheck) throws Exception {
        CleaningJob.run(Transactions.over(f.db), new CleaningRequest("report", TestModels.folder("detector"), TestModels.folder("embedder"),
                CATEGORIES, 1, 0.2, 2, 42, TestModels.folder("tagger"), "tiny-colours", 4, recheck, ModelDevice.AUTO), "test",
                JobListener.NONE);
    }

    @Test
    void theJobsWriteTheSummaryAndTheReportCountsPairsAsTheTablesDo() throws Exception {
        assertThat(afterGeneration).startsWith("generate job ");
        assertThat(f.rows("SELECT computed_by FROM dataset_summary")).singleElement().asString().startsWith("clean job ");

        DatasetReport report = new DatasetReports(Transactions.over(f.db)).build("report", null);

        String pairs = "SELECT count(*) FROM (SELECT image_id, tag_id FROM tag_assignment GROUP BY 1, 2 HAVING %s) p";
        long parsed = f.count(pairs.formatted("bool_or(source = 0)"));
        long withModel = f.count(pairs.formatted("bool_or(source IN (0, 2))"));
        long all = f.count(pairs.formatted("true"));
        long afterCleaning = f.count(pairs.formatted("bool_and(flag_rule IS NULL)"));
        // a pair's outcome: the state its standing decisions left it in
        long accepted = f.count(pairs.formatted("bool_and(state = 2)"));
        long rejected = f.count(pairs.formatted("bool_and(state = 3)"));

        assertThat(report.images()).isEqualTo(12);
        assertThat(report.captionsOriginal()).isEqualTo(24);
        assertThat(report.captionsGenerated()).isEqualTo(f.count("SELECT count(*) FROM caption WHERE origin = 1"))
                .isEqualTo(12);
        assertThat(report.stages()).extracting(DatasetReport.Stage::tags)
                .containsExactly(parsed, withModel, all, afterCleaning, afterCleaning + accepted);
        assertThat(parsed).isEqualTo(18);
        assertThat(withModel).isGreaterThan(parsed);
        assertThat(all).isGreaterThan(withModel);
        assertThat(afterCleaning).isLessThan(all);
        // rita rejected 0 and 4 and accepted 1, 3, 5; 2 undone; rechecked 1, 3, 5 flagged again: sam rejected 1 and
        // accepted 3, 5 waits
        assertThat(accepted).isEqualTo(1);
        assertThat(rejected).isEqualTo(3);
        assertThat(report.stages().get(4).perImage()).isEqualTo((afterCleaning + accepted) / 12.0);

        for (FlagRule rule : FlagRule.values()) {
            long flagged = f.count(pairs.formatted("min(flag_rule) = " + rule.code()));
            RuleRow row = report.rules().stream().filter(r -> r.rule() == rule).findFirst().orElseThrow();
            assertThat(row.flagged()).as(rule.name()).isEqualTo(flagged);
        }
        assertThat(report.rules().stream().mapToLong(RuleRow::flagged).sum()).isEqualTo(all - afterCleaning);
        assertThat(report.rules().stream().mapToLong(RuleRow::accepted).sum()).isEqualTo(accepted);
        assertThat(report.rules().stream().mapToLong(RuleRow::rejected).sum()).isEqualTo(rejected);
        assertThat(report.pendingReview()).isEqualTo(all - afterCleaning - accepted - rejected);

        // sam agreed with rita on one of the two pairs both decided; rita's undone decision counts for no one
        assertThat(report.agreement()).isEqualTo(new ReviewOutcomes.Agreement(2, 1));
        assertThat(report.progress()).extracting(ReviewOutcomes.DayOfWork::user, ReviewOutcomes.DayOfWork::pairs)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("rita", 5L),
                        org.assertj.core.groups.Tuple.tuple("sam", 2L));

        assertThat(report.frequencies()).hasSize((int) f.count("""
                SELECT count(DISTINCT tag_id) FROM (
                  SELECT tag_id FROM tag_assignment GROUP BY image_id, tag_id
                  HAVING bool_and(flag_rule IS NULL) OR bool_and(state = 2)) p"""));
        assertThat(report.frequencies().get(0).images()).isEqualTo(report.frequencies().stream()
                .mapToLong(DatasetReport.TagFrequency::images).max().orElseThrow());
        assertThat(report.gainedByGeneration()).extracting(DatasetReport.TagChange::tag).doesNotContain("sky");
    }

    @Test
    void aReleaseCountsItsOwnTagsOnly() throws Exception {
        DatasetReport report = new DatasetReports(Transactions.over(f.db)).build("report", "tiny-colours");
        String releaseTags = "tag_id IN (SELECT tag_id FROM release_tag rt JOIN release r ON r.id = rt.release_id "
                + "WHERE r.name = 'tiny-colours')";
        assertThat(report.stages().get(0).tags()).isZero();
        assertThat(report.stages().get(2).tags()).isEqualTo(f.count(
                "SELECT count(DISTINCT (image_id, tag_id)) FROM tag_assignment WHERE " + releaseTags)).isPositive();
        assertThat(report.frequencies()).anyMatch(DatasetReport.TagFrequency::inRelease)
                .anyMatch(t -> t.tag().equals("car") && !t.inRelease());
        assertThat(report.releaseMinimum()).isPositive();
    }

    @Test
    void theCommandWritesOneSelfContainedHtmlFileWithTheReportsNumbers() throws Exception {
        Path out = dir.resolve("report.html");
        try (ConfigurableApplicationContext context = TestCli.context()) {
            assertThat(TagforgeCli.commandLine(context).execute("report", "--dataset", "report", "--out",
                    out.toString())).isEqualTo(0);
        }
        String html = Files.readString(out);
        DatasetReport report = new DatasetReports(Transactions.over(f.db)).build("report", null);
        Map<String, String> numbers = ReportHtml.figures(html);
        for (int i = 0; i < report.stages().size(); i++) {
            assertThat(numbers.get("stage." + i + ".tags")).isEqualTo(String.valueOf(report.stages().get(i).tags()));
        }
        assertThat(numbers.get("flags.LOW_SCORE.flagged")).isEqualTo(String.valueOf(report.rules().get(2).flagged()));
        assertThat(numbers.get("agreement.pairs")).isEqualTo("2");
        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script").doesNotContain("src=")
                .contains("<svg id='chart-stages'", "<svg id='chart-frequency'", "<svg id='chart-flags'",
                        "<svg id='chart-progress'", ">rita<", ">sam<", ">OUTLIER_REGION<", ">tag rank<");
        assertThat(Files.list(dir)).containsExactly(out);
    }

    @Test
    void theCommandRefusesAnUnknownDatasetOrReleaseAndAnUnwritablePathWritingNothing() throws Exception {
        StringWriter err = new StringWriter();
        ConfigurableApplicationContext context = TestCli.context();
        CommandLine cli = TagforgeCli.commandLine(context);
        cli.setErr(new PrintWriter(err, true));
        Path out = dir.resolve("r.html");
        assertThat(cli.execute("report", "--dataset", "nope", "--out", out.toString())).isEqualTo(2);
        assertThat(cli.execute("report", "--dataset", "report", "--release", "nope", "--out", out.toString()))
                .isEqualTo(2);
        // a folder that cannot be made: its parent is a file (tests run as root, whom permissions do not stop)
        Path notAFolder = Files.writeString(dir.resolve("not-a-folder"), "x");
        assertThat(cli.execute("report", "--dataset", "report", "--out", notAFolder.resolve("r.html").toString()))
                .isEqualTo(2);
        assertThat(cli.execute("report", "--dataset", "report", "--out", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("error: --dataset: no dataset named \"nope\"",
                "error: --release: no release named \"nope\"", "error: --out " + notAFolder.resolve("r.html")
                        + ": cannot write the report", "is a directory");
        assertThat(Files.list(dir)).containsExactly(notAFolder);
        context.close();
        assertThatThrownBy(() -> new DatasetReports(Transactions.over(f.db)).build("nope", null)).isInstanceOf(ReportException.class)
                .extracting(e -> ((ReportException) e).field()).isEqualTo("dataset");
    }
}
