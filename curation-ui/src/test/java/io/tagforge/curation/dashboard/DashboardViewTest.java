package io.tagforge.curation.dashboard;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import io.tagforge.curation.SpringUiTest;
import io.tagforge.engine.review.Decision;
import io.tagforge.engine.review.QueueCursor;
import io.tagforge.engine.review.QueueOrder;
import io.tagforge.engine.review.ReviewFilter;
import io.tagforge.curation.review.ReviewQueue;
import io.tagforge.curation.security.Roles;
import io.tagforge.labelsystem.database.TestDatabase;
import io.tagforge.engine.cli.TagforgeCli;
import io.tagforge.engine.report.ReportHtml;
import io.tagforge.engine.report.StageSummary;
import io.tagforge.engine.testing.CocoMiniFixture;
import io.tagforge.labelsystem.transaction.Transactions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * COCO-MINI as a dataset of its own ("coco-mini-report", dropped by the fixture's next reset): the fixture's images,
 * captions and region tags (MODEL, outliers flagged), plus tags parsed from the captions where they name a COCO
 * category (PARSED_ORIGINAL, one row per caption, flagged with their pair as cleaning does), and decisions made
 * through the review queue by anna and ben. The dashboard and {@code ./tagforge report} must show the same
 * numbers, and those must be the counts this test takes from the tables.
 */
class DashboardViewTest extends SpringUiTest {

    private static final String DATASET = "coco-mini-report";

    @Autowired
    ApplicationContext context;

    @Autowired
    ReviewQueue queue;

    @TempDir
    Path dir;

    CocoMiniFixture coco;
    JdbcClient jdbc;
    int datasetId;

    @BeforeEach
    void dataset() throws Exception {
        coco = CocoMiniFixture.load();
        jdbc = coco.jdbc();
        datasetId = jdbc.sql("INSERT INTO dataset (name, image_root, format) VALUES (?, ?, 'coco') RETURNING id")
                .params(DATASET, coco.root.toString()).query(Integer.class).single();
        jdbc.sql("""
                INSERT INTO image (dataset_id, path, external_id, width, height)
                SELECT ?, path, external_id, width, height FROM image WHERE dataset_id = ?""")
                .params(datasetId, coco.datasetId).update();
        jdbc.sql("""
                INSERT INTO caption (image_id, origin, text)
                SELECT n.id, c.origin, c.text FROM caption c JOIN image o ON o.id = c.image_id
                  JOIN image n ON n.dataset_id = ? AND n.path = o.path WHERE o.dataset_id = ?""")
                .params(datasetId, coco.datasetId).update();
        jdbc.sql("""
                INSERT INTO tag_assignment (image_id, dataset_id, tag_id, caption_id, source, state, flag_rule, score)
                SELECT n.id, n.dataset_id, a.tag_id,
                       (SELECT min(nc.id) FROM caption oc JOIN caption nc ON nc.image_id = n.id AND nc.text = oc.text
                         WHERE oc.id = a.caption_id),
                       a.source, a.state, a.flag_rule, a.score FROM tag_assignment a
                  JOIN image o ON o.id = a.image_id JOIN image n ON n.dataset_id = ? AND n.path = o.path
                 WHERE a.dataset_id = ?""").params(datasetId, coco.datasetId).update();
        // a caption that names a category (as a word, or its plural) tags the image with it, as parsing would
        jdbc.sql("""
                INSERT INTO tag_assignment (image_id, dataset_id, tag_id, caption_id, source)
                SELECT c.image_id, ?, t.id, c.id, 0 FROM caption c JOIN image i ON i.id = c.image_id
                  JOIN tag t ON lower(c.text) ~ ('\\m' || t.name || 's?\\M') WHERE i.dataset_id = ?
                ON CONFLICT DO NOTHING""")
                .params(datasetId, datasetId).update();
        // cleaning flags every active row of a flagged pair
        jdbc.sql("""
                UPDATE tag_assignment a SET state = 1, flag_rule = f.flag_rule FROM tag_assignment f
                 WHERE a.dataset_id = ? AND f.dataset_id = a.dataset_id AND f.image_id = a.image_id
                   AND f.tag_id = a.tag_id AND f.flag_rule IS NOT NULL AND a.flag_rule IS NULL""")
                .param(datasetId).update();
        jdbc.sql("""
                INSERT INTO tag_pair (dataset_id, image_id, tag_id, state, flag_rule)
                SELECT dataset_id, image_id, tag_id, 1, min(flag_rule) FROM tag_assignment
                 WHERE dataset_id = ? AND flag_rule IS NOT NULL GROUP BY dataset_id, image_id, tag_id""")
                .param(datasetId).update();
        decide();
        // what the cleaning job does when it finishes
        StageSummary.refresh(Transactions.over(TestDatabase.dataSource()), datasetId, "test");
    }

    /** anna decides the first twelve flagged pairs of the queue, rejecting every other; ben rejects the next two. */
    private void decide() {
        ReviewFilter mine = new ReviewFilter(datasetId, null, null, null, null);
        signIn("anna", Roles.ANNOTATOR);
        for (int i = 0; i < 12; i++) {
            queue.decide(nextPair(mine), i % 2 == 0 ? Decision.REJECT : Decision.ACCEPT);
        }
        signIn("ben", Roles.ANNOTATOR);
        for (int i = 0; i < 2; i++) {
            queue.decide(nextPair(mine), Decision.REJECT);
        }
    }

    private long nextPair(ReviewFilter filter) {
        return queue.next(filter, QueueOrder.FLAGGED, QueueCursor.START).orElseThrow().entry().pairId();
    }

    @Test
    void theDashboardAndTheReportFileShowTheCountsOfTheTables() throws Exception {
        openUi("anna", Roles.ANNOTATOR);
        UI.getCurrent().navigate(DashboardView.class);
        DashboardView view = _get(DashboardView.class);
        view.dataset.setValue(DATASET);
        String dashboard = _get(view.report, Html.class).getInnerHtml();
        assertThat(_find(Button.class, spec -> spec.withId("dashboard-recompute"))).isEmpty();

        Path out = dir.resolve("report.html");
        // the CLI's command, built by the web app's own context: one configuration for both
        assertThat(TagforgeCli.commandLine(context).execute("report", "--dataset", DATASET, "--out", out.toString())).isZero();
        Map<String, String> file = ReportHtml.figures(Files.readString(out));
        Map<String, String> page = ReportHtml.figures(dashboard);
        assertThat(page).isEqualTo(file).hasSizeGreaterThan(30);

        String pairs = "SELECT count(*) FROM (SELECT 1 FROM tag_assignment WHERE dataset_id = " + datasetId
                + " GROUP BY image_id, tag_id HAVING %s) p";
        long afterCleaning = count(pairs.formatted("bool_and(flag_rule IS NULL)"));
        // a decided pair's rows all carry its decision
        long accepted = count(pairs.formatted("bool_and(state = 2)"));
        long rejected = count(pairs.formatted("bool_and(state = 3)"));
        assertThat(page).containsEntry("images", "80")
                .containsEntry("captions.original", String.valueOf(count(
                        "SELECT count(*) FROM caption c JOIN image i ON i.id = c.image_id WHERE i.dataset_id = "
                                + datasetId)))
                .containsEntry("stage.0.tags", String.valueOf(count(pairs.formatted("bool_or(source = 0)"))))
                .containsEntry("stage.1.tags", String.valueOf(count(pairs.formatted("true"))))
                .containsEntry("stage.2.tags", String.valueOf(count(pairs.formatted("true"))))
                .containsEntry("stage.3.tags", String.valueOf(afterCleaning))
                .containsEntry("stage.4.tags", String.valueOf(afterCleaning + accepted))
                .containsEntry("flags.OUTLIER_REGION.flagged", String.valueOf(count(pairs.formatted(
                        "bool_or(flag_rule IS NOT NULL)"))))
                .containsEntry("flags.OUTLIER_REGION.accepted", String.valueOf(accepted))
                .containsEntry("flags.OUTLIER_REGION.rejected", String.valueOf(rejected))
                .containsEntry("agreement.pairs", "0");
        assertThat(Long.parseLong(page.get("stage.0.tags"))).isBetween(100L, Long.parseLong(page.get("stage.1.tags")));
        // anna accepted six and rejected six, ben rejected two
        assertThat(accepted).isEqualTo(6);
        assertThat(rejected).isEqualTo(8);

        // the charts: SVG with the series the report has
        assertThat(svg(dashboard, "chart-flags")).contains(">rejected<", ">accepted<", ">not reviewed yet<",
                ">OUTLIER_REGION<", ">flag rule<");
        assertThat(svg(dashboard, "chart-progress")).contains(">anna<", ">ben<", ">day (UTC)<");
        assertThat(svg(dashboard, "chart-stages")).contains(">after review<", ">" + page.get("stage.0.tags") + "<");
        String mostFlagged = jdbc.sql("""
                        SELECT t.name FROM (SELECT DISTINCT image_id, tag_id FROM tag_assignment
                                             WHERE dataset_id = ? AND flag_rule IS NOT NULL) p
                          JOIN tag t ON t.id = p.tag_id GROUP BY t.name ORDER BY count(*) DESC, t.name LIMIT 1""")
                .param(datasetId).query(String.class).single();
        assertThat(svg(dashboard, "chart-lost")).contains(">" + mostFlagged + "<");
    }

    @Test
    void curatorsMayRecomputeAndAUserWithoutARoleIsToldToAskForOne() {
        jdbc.sql("DELETE FROM dataset_summary WHERE dataset_id = ?").param(datasetId).update();
        openUi("cora", Roles.CURATOR);
        UI.getCurrent().navigate(DashboardView.class);
        DashboardView view = _get(DashboardView.class);
        view.dataset.setValue(DATASET);
        _get(Button.class, spec -> spec.withId("dashboard-recompute")).click();
        assertThat(jdbc.sql("SELECT computed_by FROM dataset_summary WHERE dataset_id = ?").param(datasetId)
                .query(String.class).single()).isEqualTo("recomputed by cora");
        closeUi();

        openUi("nobody");
        UI.getCurrent().navigate(DashboardView.class);
        assertThat(_get(Paragraph.class).getText()).isEqualTo("Your account has no role yet; ask an admin to give you one.");
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    /** One chart's SVG markup (the page's HTML parser may have changed the id's quotes). */
    private static String svg(String html, String id) {
        Matcher start = Pattern.compile("<svg id=[\"']" + id + "[\"']").matcher(html);
        assertThat(start.find()).as(id).isTrue();
        return html.substring(start.start(), html.indexOf("</svg>", start.start()));
    }
}
