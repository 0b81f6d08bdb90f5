package io.tagforge.curation.datasets;

import static com.github.mvysny.kaributesting.v10.ButtonKt._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import io.tagforge.curation.SpringUiTest;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.job.JobState;
import io.tagforge.engine.testing.CocoMiniFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

class DatasetJobsTest extends SpringUiTest {

    @Autowired
    Jobs jobs;

    @Autowired
    DatasetJobs starts;

    @Test
    void parsesASmallDatasetFromTheViewIntoTagAssignments() throws Exception {
        JdbcClient jdbc = CocoMiniFixture.load().jdbc();
        int dataset = jdbc.sql("INSERT INTO dataset (name, format) VALUES ('parse-ui', 'coco') RETURNING id")
                .query(Integer.class).single();
        caption(jdbc, dataset, "a.jpg", "A dog sleeps on a couch next to a person.");
        caption(jdbc, dataset, "b.jpg", "Two giraffes stand near a truck.");
        openUi("root", "ADMIN", "CURATOR", "ANNOTATOR");
        UI.getCurrent().navigate(DatasetsView.class);
        DatasetsView view = _get(DatasetsView.class);
        view.datasetJobs.dataset.setValue("parse-ui");

        jdbc.sql("UPDATE tag SET deprecated = true").update();
        try {
            _click(_get(Button.class, spec -> spec.withId("parse")));
        } finally {
            jdbc.sql("UPDATE tag SET deprecated = false").update();
        }
        assertThat(view.datasetJobs.state.getText())
                .isEqualTo("Parse refused: The database has no tags to parse into: import a vocabulary first");

        _click(_get(Button.class, spec -> spec.withId("parse")));
        assertThat(view.datasetJobs.state.getText()).isEqualTo("Parse of parse-ui running...");
        for (int i = 0; i < 1200 && view.datasetJobs.state.getText().endsWith("running..."); i++) {
            Thread.sleep(100);
            view.refresh();
        }
        JobRecord job = jobs.recent(1).get(0);
        assertThat(job.kind()).isEqualTo("parse");
        assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(job.createdBy()).isEqualTo("root");
        assertThat(view.datasetJobs.state.getText()).startsWith("Job #" + job.id() + " parse SUCCEEDED");
        assertThat(jdbc.sql("""
                        SELECT DISTINCT t.name FROM tag_assignment ta JOIN tag t ON t.id = ta.tag_id
                         WHERE ta.dataset_id = ? AND ta.source = 0""").param(dataset).query(String.class).list())
                .contains("dog", "couch", "person", "giraffe", "truck");
    }

    @Test
    void refusesBadModelFoldersWithAMessage(@TempDir Path empty) throws Exception {
        CocoMiniFixture.load();
        openUi("root", "ADMIN", "CURATOR", "ANNOTATOR");
        UI.getCurrent().navigate(DatasetsView.class);
        DatasetJobsForm form = _get(DatasetsView.class).datasetJobs;
        form.dataset.setValue("coco-mini");
        form.tagger.setValue(empty.resolve("no-such-model").toString());
        _click(_get(Button.class, spec -> spec.withId("generate")));
        String missing = "Generation refused: Tagger folder: " + empty.resolve("no-such-model") + " is not an existing folder";
        assertThat(form.state.getText()).isEqualTo(missing);
        expectNotifications(missing);

        form.embedder.setValue(empty.toString());
        _click(_get(Button.class, spec -> spec.withId("clean")));
        assertThat(form.state.getText()).startsWith("Cleaning refused: Embedder folder: " + empty)
                .contains("model.json");

        Files.writeString(empty.resolve("model.json"), "{\"task\": ");
        _click(_get(Button.class, spec -> spec.withId("clean")));
        assertThat(form.state.getText()).startsWith("Cleaning refused: Embedder folder: ").contains("not valid JSON");
        assertThat(jobs.recent(50)).noneMatch(j -> j.kind().equals("clean") || j.kind().equals("generate"));
    }

    @Test
    void aCuratorCannotStartParseGenerationOrCleaning() {
        CocoMiniFixture.load();
        signIn("cora", "CURATOR");
        assertThatThrownBy(() -> starts.parse("coco-mini")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> starts.generate("coco-mini", "/tmp", null, null)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> starts.clean("coco-mini", "/tmp", null, 16, 0.1, 5))
                .isInstanceOf(AccessDeniedException.class);
    }

    private static void caption(JdbcClient jdbc, int dataset, String path, String text) {
        long image = jdbc.sql("INSERT INTO image (dataset_id, path) VALUES (?, ?) RETURNING id").params(dataset, path)
                .query(Long.class).single();
        jdbc.sql("INSERT INTO caption (image_id, origin, text) VALUES (?, 0, ?)").params(image, text).update();
    }
}
