package io.tagforge.curation.ontology;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tagforge.curation.errors.UserErrors;
import io.tagforge.curation.security.Roles;
import io.tagforge.labelsystem.release.Release;
import io.tagforge.labelsystem.release.ReleaseDiff;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

/** Releases (frozen ID spaces): make one from the current vocabulary, and compare two. */
@Route("ontology/releases")
@PageTitle("Releases · Tagforge")
@RolesAllowed(Roles.CURATOR)
public class ReleasesView extends VerticalLayout {

    private final Ontology ontology;
    final Grid<Release> releases = new Grid<>();
    final ComboBox<Release> from = new ComboBox<>("From");
    final ComboBox<Release> to = new ComboBox<>("To");
    final Span summary = new Span();
    final Grid<ReleaseDiff.Change> changes = new Grid<>();
    final TextField name = new TextField("New release");

    public ReleasesView(Ontology ontology) {
        this.ontology = ontology;
        releases.addColumn(Release::name).setHeader("Release");
        releases.addColumn(r -> r.parentId() == null ? "" : "#" + r.parentId()).setHeader("Parent");
        releases.addColumn(Release::createdBy).setHeader("By");
        releases.addColumn(Release::createdAt).setHeader("Made");
        releases.addColumn(r -> r.notes() == null ? "" : r.notes()).setHeader("Notes").setFlexGrow(2);
        releases.setHeight("14em");
        Button create = new Button("Create from the current vocabulary", e -> create());
        create.setId("create-release");
        from.setItemLabelGenerator(Release::name);
        to.setItemLabelGenerator(Release::name);
        Button diff = new Button("Compare", e -> diff());
        diff.setId("diff");
        summary.setId("diff-summary");
        changes.addColumn(c -> c.kind().name()).setHeader("Change");
        changes.addColumn(ReleaseDiff.Change::describe).setHeader("").setFlexGrow(4);
        add(new H3("Releases"), releases, FormRow.of(name, create), new H3("Compare"), FormRow.of(from, to, diff), summary, changes);
        refresh();
    }

    private void create() {
        List<Release> all = ontology.releases();
        String parent = all.isEmpty() ? null : all.get(all.size() - 1).name();
        if (UserErrors.run(() -> ontology.createRelease(name.getValue(), parent, "made in the curation UI"))) {
            Notification.show("Release " + name.getValue() + " created");
        }
        refresh();
    }

    void diff() {
        if (from.isEmpty() || to.isEmpty()) {
            Notification.show("Choose two releases");
            return;
        }
        ReleaseDiff d = ontology.diff(from.getValue().name(), to.getValue().name());
        summary.setText(d.summary());
        changes.setItems(d.changes());
    }

    private void refresh() {
        List<Release> all = ontology.releases();
        releases.setItems(all);
        from.setItems(all);
        to.setItems(all);
    }

}
