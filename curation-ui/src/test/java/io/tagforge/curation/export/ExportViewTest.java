package io.tagforge.curation.export;

import static com.github.mvysny.kaributesting.v10.ButtonKt._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import io.tagforge.curation.SpringUiTest;
import io.tagforge.curation.datasets.Jobs;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.testing.CocoMiniFixture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ExportViewTest extends SpringUiTest {

    @Autowired
    Jobs jobs;

    @Autowired
    Exports exports;

    @Test
    void exportsTheChosenDatasetAndShowsFileAndManifest() throws Exception {
        CocoMiniFixture coco = CocoMiniFixture.load();
        coco.release("coco-view");
        openUi("cora", "CURATOR");
        UI.getCurrent().navigate(ExportView.class);
        ExportView view = _get(ExportView.class);
        assertThat(view.dataset.getValue().name()).isEqualTo("coco-mini");
        assertThat(view.release.getValue().name()).isEqualTo("coco-view");

        _click(_get(Button.class, spec -> spec.withId("export-start")));
        JobRecord job = waitForLatestJob();
        assertThat(job.error()).isNull();
        view.poll();
        Path file = Path.of(_get(Span.class, spec -> spec.withId("export-file")).getText());
        assertThat(file).exists();
        assertThat(Files.readString(file)).contains("\"image_path\"", "train2017/");
        assertThat(_get(Pre.class, spec -> spec.withId("export-manifest")).getText()).contains("coco-view", "sha256");

        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        exports.zip(exports.ofJob(job.id()).orElseThrow(), zip);
        List<String> entries = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.toByteArray()))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.add(e.getName());
                if (e.getName().endsWith("/coco-mini.json")) {
                    assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(file));
                }
            }
        }
        String folder = file.getParent().getFileName() + "/";
        assertThat(entries).containsExactly(folder + "coco-mini.json", folder + "coco-mini.manifest.json",
                folder + "ram_tag_list.txt", folder + "ram_tag_list_chinese.txt", folder + "ram_tag_list_threshold.txt");
    }

    private JobRecord waitForLatestJob() throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            JobRecord job = jobs.recent(1).get(0);
            if (job.state().finished()) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the export job did not finish in 60 s");
    }
}
