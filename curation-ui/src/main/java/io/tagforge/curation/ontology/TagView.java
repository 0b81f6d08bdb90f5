package io.tagforge.curation.ontology;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableHeaderCell;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tagforge.curation.errors.UserErrors;
import io.tagforge.curation.ontology.Ontology.TagPage;
import io.tagforge.curation.ontology.Ontology.TagRow;
import io.tagforge.curation.security.Roles;
import io.tagforge.labelsystem.assignment.AssignmentState;
import io.tagforge.labelsystem.mapping.ObservedMapping;
import io.tagforge.labelsystem.tag.Tag;
import io.tagforge.labelsystem.tag.TagKind;
import io.tagforge.labelsystem.tag.TagName;
import io.tagforge.labelsystem.wordnet.WordSense;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One tag: names and translations, WordNet evidence, threshold, detectable, counts; rename, merge, split, deprecate. */
@Route("ontology/tag")
@PageTitle("Tag · Tagforge")
@RolesAllowed(Roles.CURATOR)
public class TagView extends VerticalLayout implements HasUrlParameter<Integer> {

    private final Ontology ontology;
    private final Mappings mappings;
    final TextField newName = new TextField("New name");
    final NumberField threshold = new NumberField("Threshold");
    final ComboBox<TagRow> mergeInto = new ComboBox<>("Merge into");
    final TextField splitName = new TextField("Split off as");
    final CheckboxGroup<String> splitForms = new CheckboxGroup<>("Names that go with it");
    private Tag tag;

    public TagView(Ontology ontology, Mappings mappings) {
        this.ontology = ontology;
        this.mappings = mappings;
        mergeInto.setItems(q -> ontology.tags(q.getFilter().orElse(""), Ontology.Sort.NAME, true, q.getOffset(),
                q.getLimit()).stream());
        mergeInto.setItemLabelGenerator(t -> t.name() + " (" + t.kind().toLowerCase() + ", #" + t.id() + ")");
    }

    @Override
    public void setParameter(BeforeEvent event, Integer tagId) {
        show(tagId);
    }

    private void show(int tagId) {
        removeAll();
        TagPage page = ontology.page(tagId).orElse(null);
        if (page == null) {
            add(new H2("No tag #" + tagId));
            return;
        }
        tag = page.tag();
        H2 title = new H2(tag.name());
        title.setId("tag-name");
        add(title, new Span("#" + tag.id() + " · " + tag.kind() + " · threshold " + tag.threshold()
                + (tag.detectable() == null ? " · detectable not decided" : tag.detectable() ? " · detectable" : "")
                + " · version "
                + tag.version() + (tag.deprecated() ? " · DEPRECATED" : "")
                + (tag.mergedInto() == null ? "" : " · merged into " + ontology.tagName(tag.mergedInto()))));
        if (tag.description() != null) {
            add(new Span(tag.description()));
        }
        add(new H4("Names and translations"));
        Div names = new Div();
        names.setId("tag-names");
        page.names().forEach(n -> names.add(new Div(new Span(n.form() + " [" + n.language() + ", " + n.source() + "]"))));
        add(names, new H4("Assignments"), stateCounts(page.assignmentsByState()), new H4("WordNet evidence"));
        if (page.proposals().isEmpty()) {
            add(new Span("No WordNet proposals involve this tag."));
        }
        page.proposals().forEach(p -> add(new Div(new Span(p.state() + " · "
                + (p.sourceTag() != null ? ontology.tagName(p.sourceTag()) : "\"" + p.form() + "\"") + " → "
                + ontology.tagName(p.targetTag()) + " · confidence " + p.confidence() + " · " + p.evidence()))));
        add(new H4("Surface mappings"), surfaceMappings());
        add(new H4("Change"), actions(page.names()));
    }

    /**
     * the surface forms parses mapped to this tag, most mentions first, each with its block or unblock and its pin
     * to one of its noun senses (or unpin)
     */
    private Div surfaceMappings() {
        Div list = new Div();
        list.setId("tag-mappings");
        List<ObservedMapping> observed = mappings.observed("", "", tag.id(), 0, SURFACE_MAPPINGS_SHOWN);
        if (observed.isEmpty()) {
            list.add(new Span("No parse has mapped a surface form to this tag yet."));
        }
        for (ObservedMapping m : observed) {
            Button curate = m.blocked()
                    ? new Button("Unblock", e -> change(() -> mappings.remove(m.blockedBy())))
                    : new Button("Block", e -> change(() -> mappings.block(m.surface(), tag.name())));
            list.add(new Div(new Span(m.mentions() + " × \"" + m.surface() + "\" (" + m.rule() + ")"
                    + (m.blocked() ? " · BLOCKED" : "") + (m.pinnedSense() == null ? "" : " · PINNED " + m.pinnedSense())
                    + " "), curate, pinning(m)));
        }
        return list;
    }

    private static final int SURFACE_MAPPINGS_SHOWN = 20;

    /** the surface's noun senses to pin it to, or its unpin */
    private Span pinning(ObservedMapping m) {
        if (m.pinnedSense() != null) {
            Button unpin = new Button("Unpin", e -> change(() -> mappings.unpin(m.surface())));
            unpin.setId("unpin-" + m.surface().replace(' ', '-'));
            return new Span(unpin);
        }
        Select<WordSense> sense = new Select<>();
        sense.setItems(mappings.nounSenses(m.surface()));
        sense.setItemLabelGenerator(MappingsView::describe);
        sense.setPlaceholder("a sense of \"" + m.surface() + "\"");
        Button pin = new Button("Pin", e -> {
            if (!sense.isEmpty()) {
                change(() -> mappings.pin(m.surface(), sense.getValue().senseKey()));
            }
        });
        String id = m.surface().replace(' ', '-');
        sense.setId("pin-sense-" + id);
        pin.setId("pin-" + id);
        return new Span(sense, pin);
    }

    private VerticalLayout actions(List<TagName> names) {
        newName.setValue(tag.name());
        Button rename = new Button("Rename", e -> change(() -> ontology.rename(tag.id(), tag.version(), newName.getValue())));
        rename.setId("rename");
        // the float as typed (0.9), not its double expansion (0.8999999761581421)
        threshold.setValue(Double.valueOf(Float.toString(tag.threshold())));
        threshold.setMin(0);
        threshold.setMax(1);
        threshold.setStep(0.01);
        Button setThreshold = new Button("Set threshold", e -> change(() ->
                ontology.setThreshold(tag.id(), tag.version(), threshold.getValue().floatValue())));
        Button merge = new Button("Merge", e -> {
            if (!mergeInto.isEmpty()) {
                change(() -> ontology.merge(tag.id(), tag.version(), mergeInto.getValue().id()));
            }
        });
        merge.setId("merge");
        splitForms.setItems(names.stream().map(TagName::form).distinct().toList());
        Select<TagKind> splitKind = new Select<>();
        splitKind.setLabel("Kind");
        splitKind.setItems(TagKind.values());
        splitKind.setValue(tag.kind());
        Button split = new Button("Split", e -> change(() -> ontology.split(tag.id(), tag.version(),
                splitName.getValue(), splitKind.getValue(), List.copyOf(splitForms.getValue()))));
        Button deprecate = new Button("Deprecate", e -> change(() -> ontology.deprecate(tag.id(), tag.version())));
        deprecate.setId("deprecate");
        Checkbox detectable = new Checkbox("Detectable: a detector can box it (cleaning looks for its regions)",
                Boolean.TRUE.equals(tag.detectable()));
        detectable.setId("detectable");
        detectable.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                change(() -> ontology.setDetectable(tag.id(), tag.version(), e.getValue()));
            }
        });
        VerticalLayout box = new VerticalLayout(FormRow.of(newName, rename), FormRow.of(threshold, setThreshold), detectable,
                FormRow.of(mergeInto, merge), FormRow.of(splitName, splitKind, splitForms, split), deprecate);
        box.setPadding(false);
        return box;
    }


    private static NativeTable stateCounts(Map<AssignmentState, Long> counts) {
        NativeTable table = new NativeTable();
        table.setId("tag-assignment-counts");
        table.getStyle().set("border-spacing", "1.5em 0");
        counts.forEach((state, n) -> table.add(new NativeTableRow(new NativeTableHeaderCell(state.name().toLowerCase()),
                new NativeTableCell(String.format(Locale.ROOT, "%,d", n)))));
        return table;
    }

    /** Runs a curation operation and shows the tag again; a concurrent edit or a refused change is shown. */
    private void change(Runnable operation) {
        if (UserErrors.run(operation)) {
            Notification.show("Saved");
        }
        show(tag.id());
    }
}
