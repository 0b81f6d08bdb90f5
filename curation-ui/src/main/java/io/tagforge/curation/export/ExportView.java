package io.tagforge.curation.export;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.tagforge.curation.datasets.Jobs;
import io.tagforge.curation.datasets.LiveRefresh;
import io.tagforge.curation.security.Roles;
import io.tagforge.engine.dataset.DatasetStats;
import io.tagforge.engine.export.ExportFormat;
import io.tagforge.engine.export.ExportPolicy;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.labelsystem.release.Release;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

/** Choose dataset, release and policy; watch the export job; download its folder or file, read its manifest. */
@Route("export")
@PageTitle("Export · Tagforge")
@RolesAllowed(Roles.CURATOR)
public class ExportView extends VerticalLayout {

    private final Exports exports;
    private final Jobs jobs;
    final ComboBox<DatasetStats> dataset = new ComboBox<>("Dataset");
    final ComboBox<Release> release = new ComboBox<>("Release");
    final Select<ExportPolicy> policy = new Select<>();
    final Select<ExportFormat> format = new Select<>();
    final Checkbox unreviewed = new Checkbox("Include flagged tags nobody reviewed");
    private final ProgressBar progress = new ProgressBar();
    private final Span state = new Span();
    private final Div result = new Div();
    private final Grid<Exports.Done> history = new Grid<>();
    private Long runningJob;

    public ExportView(Exports exports, Jobs jobs, LiveRefresh live) {
        this.exports = exports;
        this.jobs = jobs;
        dataset.setId("export-dataset");
        List<DatasetStats> all = exports.datasets();
        dataset.setItems(all);
        all.stream().findFirst().ifPresent(dataset::setValue);
        dataset.setItemLabelGenerator(DatasetStats::name);
        release.setId("export-release");
        List<Release> releaseList = exports.releases();
        release.setItems(releaseList);
        // the newest release is the usual choice
        releaseList.stream().max(java.util.Comparator.comparing(Release::createdAt)).ifPresent(release::setValue);
        release.setItemLabelGenerator(Release::name);
        policy.setLabel("Policy");
        policy.setItems(ExportPolicy.values());
        policy.setValue(ExportPolicy.ALL);
        format.setLabel("Format");
        format.setItems(ExportFormat.values());
        format.setItemLabelGenerator(ExportFormat::code);
        format.setValue(ExportFormat.RAM_JSON);
        Button start = new Button("Export", e -> start());
        start.setId("export-start");
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(dataset, release, policy, format, unreviewed, start);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);
        progress.setVisible(false);
        progress.setWidth("30em");
        state.setId("export-state");
        result.setId("export-result");
        history.addColumn(Exports.Done::id).setHeader("#").setAutoWidth(true);
        history.addColumn(Exports.Done::dataset).setHeader("Dataset");
        history.addColumn(Exports.Done::release).setHeader("Release");
        history.addColumn(Exports.Done::format).setHeader("Format");
        history.addColumn(d -> d.path().getParent().getFileName().toString()).setHeader("Folder").setFlexGrow(3);
        history.addColumn(Exports.Done::createdAt).setHeader("Made");
        history.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(this::showResult));
        history.setHeight("16em");
        add(form, progress, state, result, new H3("Earlier exports"), history);
        refreshHistory();
        live.whileAttached(this, this::poll);
    }

    private void start() {
        if (dataset.isEmpty() || release.isEmpty()) {
            Notification.show("Choose a dataset and a release");
            return;
        }
        runningJob = exports.start(dataset.getValue().name(), release.getValue().name(), format.getValue(),
                policy.getValue(), unreviewed.getValue());
        progress.setVisible(true);
        progress.setIndeterminate(true);
        state.setText("Export job " + runningJob + " queued");
        result.removeAll();
    }

    /** Called every second while attached: follows the running job. */
    void poll() {
        if (runningJob == null) {
            return;
        }
        JobRecord job = jobs.find(runningJob).orElse(null);
        if (job == null) {
            return;
        }
        progress.setIndeterminate(job.fraction() < 0);
        if (job.fraction() >= 0) {
            progress.setValue(job.fraction());
        }
        state.setText("Export job " + job.id() + ": " + job.state() + " · " + job.progress()
                + (job.total() == null ? "" : " / " + job.total()) + " images"
                + (job.error() == null ? "" : " · " + job.error()));
        if (job.state().finished()) {
            runningJob = null;
            progress.setVisible(false);
            exports.ofJob(job.id()).ifPresent(this::showResult);
            refreshHistory();
        }
    }

    private void showResult(Exports.Done done) {
        result.removeAll();
        String folderName = done.path().getParent().getFileName().toString();
        Anchor zip = new Anchor((DownloadHandler) event -> {
            event.setFileName(folderName + ".zip");
            event.setContentType("application/zip");
            try (var out = event.getOutputStream()) {
                exports.zip(done, out);
            }
        }, "Download the folder (zip)");
        zip.setId("export-zip");
        zip.setDownload(true);
        Anchor download = new Anchor(DownloadHandler.forFile(done.path().toFile()), "Download " + done.path().getFileName());
        download.setId("export-download");
        download.setDownload(true);
        Anchor manifest = new Anchor(DownloadHandler.forFile(done.manifestPath().toFile()), "manifest");
        manifest.setDownload(true);
        Span file = new Span(done.file());
        file.setId("export-file");
        Pre text = new Pre(done.manifest());
        text.setId("export-manifest");
        text.getStyle().set("max-height", "20em").set("overflow", "auto");
        result.add(new HorizontalLayout(zip, download, manifest), file, text);
    }

    private void refreshHistory() {
        history.setItems(exports.recent(50));
    }
}
