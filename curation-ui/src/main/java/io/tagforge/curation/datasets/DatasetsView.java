package io.tagforge.curation.datasets;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tagforge.curation.security.Roles;
import io.tagforge.engine.dataset.DatasetStats;
import io.tagforge.engine.dataset.DatasetStore;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.ingest.IngestFormat;
import io.tagforge.engine.ingest.IngestRequest;
import io.tagforge.engine.ingest.IngestResult;
import io.tagforge.engine.ingest.Ingester;
import io.tagforge.engine.job.JobListener;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import jakarta.annotation.security.RolesAllowed;
import java.nio.file.Path;
import java.util.List;

/** Datasets with their counts, and the recent jobs with live progress (server push), log and error. */
@Route("datasets")
@PageTitle("Datasets and jobs · Tagforge")
@RolesAllowed(Roles.ADMIN)
public class DatasetsView extends VerticalLayout {

    private final Jobs jobs;
    private final DatasetStore datasets;
    final Grid<DatasetStats> datasetGrid = new Grid<>();
    final Grid<JobRecord> jobGrid = new Grid<>();
    private final Pre log = new Pre();
    final Select<IngestFormat> format = new Select<>();
    final TextField file = new TextField("Captions file");
    final TextField name = new TextField("Dataset");
    final TextField images = new TextField("Images folder");
    final Span ingestState = new Span();
    private final Ingester ingester;
    private final StartedWork ingest = new StartedWork(ingestState);
    final DatasetJobsForm datasetJobs;
    private Long shownJob;

    public DatasetsView(DatasetStore datasets, Jobs jobs, LiveRefresh live, Ingester ingester,
            DatasetJobs starts) {
        this.jobs = jobs;
        this.datasetJobs = new DatasetJobsForm(starts);
        this.datasets = datasets;
        this.ingester = ingester;
        datasetGrid.addColumn(DatasetStats::name).setHeader("Dataset").setSortable(true);
        datasetGrid.addColumn(DatasetStats::format).setHeader("Format");
        datasetGrid.addColumn(DatasetStats::images).setHeader("Images");
        datasetGrid.addColumn(DatasetStats::missingImages).setHeader("Missing");
        datasetGrid.addColumn(DatasetStats::captions).setHeader("Captions");
        datasetGrid.addColumn(DatasetStats::generatedCaptions).setHeader("Generated");
        datasetGrid.addColumn(DatasetStats::tagAssignments).setHeader("Tags");
        datasetGrid.addColumn(DatasetStats::flagged).setHeader("Flagged");
        datasetGrid.setAllRowsVisible(true);

        jobGrid.setId("jobs");
        jobGrid.addColumn(JobRecord::id).setHeader("#").setAutoWidth(true);
        jobGrid.addColumn(JobRecord::kind).setHeader("Kind");
        jobGrid.addColumn(JobRecord::state).setHeader("State");
        jobGrid.addComponentColumn(DatasetsView::progressBar).setHeader("Progress").setFlexGrow(2);
        jobGrid.addColumn(j -> j.progress() + (j.total() == null ? "" : " / " + j.total())).setHeader("Done");
        jobGrid.addColumn(JobRecord::createdBy).setHeader("By");
        jobGrid.addColumn(j -> j.error() == null ? "" : j.error()).setHeader("Error").setFlexGrow(3);
        jobGrid.addComponentColumn(j -> {
            Button cancel = new Button("Cancel", e -> jobs.cancel(j.id()));
            cancel.setEnabled(!j.state().finished() && !j.cancelRequested());
            return cancel;
        }).setHeader("");
        jobGrid.addSelectionListener(e -> {
            if (!e.isFromClient()) {
                return; // the refresh replaced the rows; keep showing the chosen job's log
            }
            shownJob = e.getFirstSelectedItem().map(JobRecord::id).orElse(null);
            showLog();
        });
        jobGrid.setHeight("20em");
        log.setId("job-log");
        log.getStyle().set("max-height", "16em").set("overflow", "auto");
        add(new H3("Datasets"), datasetGrid, ingestForm(), ingestState, datasetJobs, new H3("Jobs"), jobGrid, log);
        refresh();
        live.whileAttached(this, this::refresh);
    }

    private HorizontalLayout ingestForm() {
        format.setLabel("Format");
        format.setItems(IngestFormat.values());
        format.setItemLabelGenerator(IngestFormat::id);
        format.setValue(IngestFormat.COCO);
        file.setWidth("24em");
        images.setWidth("18em");
        Button start = new Button("Ingest", e -> startIngest());
        start.setId("ingest");
        ingestState.setId("ingest-state");
        HorizontalLayout form = new HorizontalLayout(format, file, name, images, start);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);
        return form;
    }

    private void startIngest() {
        if (file.isEmpty() || name.isEmpty()) {
            ingest.say("Name the captions file and the dataset");
            return;
        }
        IngestRequest request = new IngestRequest(format.getValue(), Path.of(file.getValue().strip()),
                name.getValue().strip(), images.isEmpty() ? null : Path.of(images.getValue().strip()), false, null);
        ingest.start(jobs.submit(() -> ingester.ingest(request, JobListener.NONE)),
                "Ingesting " + request.file().getFileName() + " into " + request.dataset() + "...", "Ingest refused: ",
                r -> {
                    IngestResult result = (IngestResult) r;
                    return "Ingested " + result.dataset() + ": " + result.imagesAdded() + " images, "
                            + result.captionsAdded() + " captions added";
                });
    }

    /** Re-reads datasets and jobs; the ticker calls it every second. */
    void refresh() {
        ingest.follow();
        List<DatasetStats> all = datasets.all();
        datasetGrid.setItems(all);
        datasetJobs.refresh(all.stream().map(DatasetStats::name).toList());
        List<JobRecord> recent = jobs.recent(50);
        jobGrid.setItems(recent);
        showLog();
    }

    private void showLog() {
        log.setText(shownJob == null ? "Select a job to see its log." : String.join("\n", jobs.log(shownJob)));
    }

    private static ProgressBar progressBar(JobRecord job) {
        ProgressBar bar = new ProgressBar();
        if (job.state().finished()) {
            bar.setValue(job.state().name().equals("SUCCEEDED") ? 1 : Math.max(0, job.fraction()));
        } else if (job.fraction() < 0) {
            bar.setIndeterminate(true);
        } else {
            bar.setValue(job.fraction());
        }
        return bar;
    }
}
