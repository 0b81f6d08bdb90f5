package io.tagforge.curation.datasets;

import static com.github.mvysny.kaributesting.v10.ButtonKt._click;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import io.tagforge.engine.testing.CocoMiniFixture;
import io.tagforge.engine.job.JobStore;
import io.tagforge.labelsystem.database.TestDatabase;
import io.tagforge.labelsystem.transaction.Transactions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.List;
import io.tagforge.curation.SpringUiTest;
import io.tagforge.engine.dataset.DatasetStats;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.job.JobState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class DatasetsViewTest extends SpringUiTest {

    @Autowired
    Jobs jobs;

    @Test
    void showsDatasetCountsAndAFailedJobWithItsError() throws Exception {
        CocoMiniFixture coco = CocoMiniFixture.load();
        openUi("root", "ADMIN", "CURATOR", "ANNOTATOR");
        long id = jobs.start("ui-test", JsonNodeFactory.instance.objectNode(), ctx -> {
            ctx.log("INFO", "about to fail");
            throw new IllegalStateException("broken on purpose");
        });
        for (int i = 0; i < 300 && !jobs.find(id).orElseThrow().state().finished(); i++) {
            Thread.sleep(100);
        }
        UI.getCurrent().navigate(DatasetsView.class);
        DatasetsView view = _get(DatasetsView.class);
        DatasetStats stats = _get(view.datasetGrid, 0);
        assertThat(stats.name()).isEqualTo("coco-mini");
        assertThat(stats.images()).isEqualTo(80);
        assertThat(stats.flagged()).isEqualTo(coco.flaggedIds().size());
        assertThat(_size(view.jobGrid)).isGreaterThanOrEqualTo(1);
        JobRecord job = _get(view.jobGrid, 0);
        assertThat(job.id()).isEqualTo(id);
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.error()).contains("broken on purpose");
        assertThat(jobs.log(id)).anySatisfy(line -> assertThat(line).contains("about to fail"));
    }

    @Test
    void showsAJobWhoseProcessDiedAsInterruptedBesideARunningOne() throws Exception {
        openUi("root", "ADMIN", "CURATOR", "ANNOTATOR");
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        long running = jobs.start("ui-running", JsonNodeFactory.instance.objectNode(), ctx -> {
            inside.countDown();
            release.await();
        });
        // the row a killed process leaves behind: RUNNING, its advisory lock gone with the process's session
        long died = new JobStore(Transactions.over(TestDatabase.dataSource()))
                .create("ui-died", JsonNodeFactory.instance.objectNode(), "root");
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE job SET state = 'RUNNING', started_at = now() WHERE id = " + died);
        }
        try {
            inside.await();
            UI.getCurrent().navigate(DatasetsView.class);
            DatasetsView view = _get(DatasetsView.class);
            Map<Long, JobState> shown = new HashMap<>();
            for (int i = 0; i < _size(view.jobGrid); i++) {
                shown.put(_get(view.jobGrid, i).id(), _get(view.jobGrid, i).state());
            }
            assertThat(shown).containsEntry(running, JobState.RUNNING).containsEntry(died, JobState.INTERRUPTED);
            // nobody is left to stop it after a batch: cancelling it ends it at once
            assertThat(jobs.cancel(died)).isTrue();
            assertThat(jobs.find(died).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        } finally {
            release.countDown();
        }
    }

    @Test
    void ingestsCocoCaptionsFromTheViewAndReportsABadFile() throws Exception {
        CocoMiniFixture coco = CocoMiniFixture.load();
        openUi("root", "ADMIN", "CURATOR", "ANNOTATOR");
        UI.getCurrent().navigate(DatasetsView.class);
        DatasetsView view = _get(DatasetsView.class);
        view.file.setValue(coco.root.resolve("annotations/no-such-captions.json").toString());
        view.name.setValue("coco-val-ui");
        _click(_get(Button.class, spec -> spec.withId("ingest")));
        waitForIngest(view);
        assertThat(view.ingestState.getText()).startsWith("Ingest refused: ").contains("no-such-captions.json");

        view.file.setValue(coco.root.resolve("annotations/captions_val2017.json").toString());
        view.images.setValue(coco.root.resolve("val2017").toString());
        _click(_get(Button.class, spec -> spec.withId("ingest")));
        waitForIngest(view);
        assertThat(view.ingestState.getText()).isEqualTo("Ingested coco-val-ui: 79 images, 395 captions added");
        List<DatasetStats> shown = new ArrayList<>();
        for (int i = 0; i < _size(view.datasetGrid); i++) {
            shown.add(_get(view.datasetGrid, i));
        }
        assertThat(shown).anySatisfy(d -> {
            assertThat(d.name()).isEqualTo("coco-val-ui");
            assertThat(d.images()).isEqualTo(79);
        });
    }

    private static void waitForIngest(DatasetsView view) throws InterruptedException {
        for (int i = 0; i < 600 && view.ingestState.getText().startsWith("Ingesting"); i++) {
            Thread.sleep(100);
            view.refresh();
        }
    }
}
