package io.tagforge.curation.ontology;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tagforge.curation.errors.UserErrors;
import io.tagforge.curation.security.Roles;
import io.tagforge.labelsystem.mapping.ObservedMapping;
import io.tagforge.labelsystem.wordnet.WordSense;
import jakarta.annotation.security.RolesAllowed;
import java.util.function.LongSupplier;

/**
 * Every surface form that reached a tag in a dataset's parse, most mentions first (a lazy grid: a corpus has tens
 * of thousands), searchable; a curator blocks a wrong one ("air" ↛ gas), adds a missing one ("cell phone" →
 * phone), pins a surface to one of its WordNet noun senses ("mouse" as the device), and undoes the last change.
 * The next parse reads the mappings.
 */
@Route("ontology/mappings")
@PageTitle("Mappings · Tagforge")
@RolesAllowed(Roles.CURATOR)
public class MappingsView extends VerticalLayout {

    private final Mappings mappings;
    final ComboBox<String> dataset = new ComboBox<>("Dataset");
    final TextField search = new TextField("Surface or tag");
    final Grid<ObservedMapping> grid = new Grid<>();
    final TextField addSurface = new TextField("Surface");
    final TextField addTag = new TextField("means tag");
    final TextField pinSurface = new TextField("Pin surface");
    final ComboBox<WordSense> pinSense = new ComboBox<>("to the sense");
    final Button undo = new Button("Undo last change");
    private Long lastChange;

    public MappingsView(Mappings mappings) {
        this.mappings = mappings;
        setSizeFull();
        dataset.setItems(mappings.parsedDatasets());
        dataset.addValueChangeListener(e -> refresh());
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> refresh());
        grid.addColumn(ObservedMapping::mentions).setHeader("Mentions").setAutoWidth(true);
        grid.addColumn(ObservedMapping::surface).setHeader("Surface");
        grid.addColumn(ObservedMapping::tagName).setHeader("Tag");
        grid.addColumn(ObservedMapping::rule).setHeader("Rule");
        grid.addColumn(m -> m.pinnedSense() == null ? "" : m.pinnedSense()).setHeader("Pinned sense").setKey("pinned");
        grid.addColumn(m -> String.join(" · ", m.examples())).setHeader("Examples").setFlexGrow(3);
        grid.addComponentColumn(m -> m.blocked()
                ? new Button("Unblock", e -> change(() -> mappings.remove(m.blockedBy())))
                : new Button("Block", e -> change(() -> mappings.block(m.surface(), m.tagName()))))
                .setHeader("Curate").setKey("curate");
        grid.setSizeFull();
        Button add = new Button("Add mapping", e -> change(() -> mappings.add(addSurface.getValue(), addTag.getValue())));
        add.setId("add-mapping");
        pinSurface.setValueChangeMode(ValueChangeMode.LAZY);
        pinSurface.addValueChangeListener(e -> pinSense.setItems(mappings.nounSenses(e.getValue())));
        pinSense.setItemLabelGenerator(MappingsView::describe);
        pinSense.setWidth("32em");
        Button pin = new Button("Pin sense", e -> {
            if (!pinSense.isEmpty()) {
                change(() -> mappings.pin(pinSurface.getValue(), pinSense.getValue().senseKey()));
            }
        });
        pin.setId("pin-sense");
        undo.setId("undo-mapping");
        undo.setEnabled(false);
        undo.addClickListener(e -> {
            mappings.undo(lastChange);
            lastChange = null;
            undo.setEnabled(false);
            Notification.show("Undone");
            refresh();
        });
        add(FormRow.of(dataset, search), grid, FormRow.of(addSurface, addTag, add, undo),
                FormRow.of(pinSurface, pinSense, pin));
        mappings.parsedDatasets().stream().findFirst().ifPresent(dataset::setValue);
        refresh();
    }

    private void refresh() {
        String name = dataset.isEmpty() ? "" : dataset.getValue();
        grid.setItems(q -> mappings.observed(name, search.getValue(), 0, q.getOffset(), q.getLimit()).stream());
    }

    /** a sense as a curator chooses it: its key, its synonyms and its gloss */
    static String describe(WordSense sense) {
        return sense.senseKey() + " (" + String.join(", ", sense.synset().lemmas()) + "): " + sense.synset().gloss();
    }

    /** Runs a mapping change, remembering it for undo; a refused change is shown. */
    private void change(LongSupplier operation) {
        if (UserErrors.run(() -> lastChange = operation.getAsLong())) {
            undo.setEnabled(true);
            Notification.show("Saved: the next parse reads it");
        }
        refresh();
    }
}
