package io.tagforge.curation.datasets;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.labelsystem.error.TagforgeException;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/** Starts a dataset's parse, generation (tagger, captioner) or cleaning; model folders are typed server paths. */
class DatasetJobsForm extends VerticalLayout {

    final Select<String> dataset = new Select<>();
    final TextField tagger = new TextField("Tagger folder");
    final TextField captioner = new TextField("Captioner folder (optional)");
    final TextField release = new TextField("Release (default: the tagger's)");
    final TextField embedder = new TextField("Embedder folder");
    final TextField detector = new TextField("Detector folder (optional)");
    final IntegerField k = new IntegerField("K clusters");
    final NumberField outlierFraction = new NumberField("Outlier fraction");
    final IntegerField minImages = new IntegerField("Min images per tag");
    final Span state = new Span();
    private final StartedWork work = new StartedWork(state);

    DatasetJobsForm(DatasetJobs starts) {
        setPadding(false);
        dataset.setLabel("Dataset");
        k.setValue(16);
        outlierFraction.setValue(0.1);
        minImages.setValue(5);
        state.setId("dataset-job-state");
        add(new H3("Parse, generate, clean"),
                row(dataset, button("parse", "Parse captions", "Parse", () -> starts.parse(dataset.getValue()))),
                row(tagger, captioner, release, button("generate", "Generate tags", "Generation", () -> starts.generate(
                        dataset.getValue(), tagger.getValue(), captioner.getValue(), release.getValue()))),
                row(embedder, detector, k, outlierFraction, minImages, button("clean", "Clean", "Cleaning",
                        () -> starts.clean(dataset.getValue(), embedder.getValue(), detector.getValue(),
                                number(k.getValue()), outlierFraction.getValue() == null ? -1 : outlierFraction.getValue(),
                                number(minImages.getValue())))),
                state);
    }

    private Button button(String id, String caption, String what, Supplier<Future<?>> start) {
        Button button = new Button(caption, e -> {
            try {
                work.start(start.get(), what + " of " + dataset.getValue() + " running...", what + " failed: ",
                        result -> describe((JobRecord) result));
            } catch (TagforgeException refused) {
                work.say(what + " refused: " + refused.getMessage());
                Notification.show(what + " refused: " + refused.getMessage());
            }
        });
        button.setId(id);
        return button;
    }

    private static HorizontalLayout row(Component... parts) {
        HorizontalLayout row = new HorizontalLayout(parts);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.setWrap(true);
        return row;
    }

    private static int number(Integer value) {
        return value == null ? 0 : value;
    }

    private static String describe(JobRecord job) {
        return "Job #" + job.id() + " " + job.kind() + " " + job.state() + ": " + job.counts();
    }

    /** New dataset names, keeping the choice; reports finished work. */
    void refresh(List<String> names) {
        String chosen = dataset.getValue();
        if (!names.equals(dataset.getListDataView().getItems().toList())) {
            dataset.setItems(names);
            dataset.setValue(names.contains(chosen) ? chosen : null);
        }
        work.follow();
    }
}
