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
import java.util.ArrayList;
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
