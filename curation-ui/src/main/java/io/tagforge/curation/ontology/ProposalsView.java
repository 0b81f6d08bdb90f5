package io.tagforge.curation.ontology;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tagforge.curation.errors.UserErrors;
import io.tagforge.curation.security.Roles;
import io.tagforge.labelsystem.curation.SynonymProposal;
import jakarta.annotation.security.RolesAllowed;

/** The queue of WordNet merge proposals: accept (merge) or reject each. */
@Route("ontology/proposals")
@PageTitle("WordNet proposals · Tagforge")
@RolesAllowed(Roles.CURATOR)
public class ProposalsView extends VerticalLayout {

    private final Ontology ontology;
    final Grid<SynonymProposal> grid = new Grid<>();

    public ProposalsView(Ontology ontology) {
        this.ontology = ontology;
        setSizeFull();
        grid.addColumn(p -> p.sourceTag() != null ? ontology.tagName(p.sourceTag()) : "\"" + p.form() + "\"")
                .setHeader("Merge");
        grid.addColumn(p -> ontology.tagName(p.targetTag())).setHeader("into");
        grid.addColumn(SynonymProposal::confidence).setHeader("Confidence");
        grid.addColumn(SynonymProposal::evidence).setHeader("WordNet evidence").setFlexGrow(3);
        grid.addComponentColumn(p -> new HorizontalLayout(
                new Button("Accept", e -> decide(p, true)), new Button("Reject", e -> decide(p, false))));
        grid.setSizeFull();
        add(grid);
        refresh();
    }

    void decide(SynonymProposal proposal, boolean accept) {
        UserErrors.run(() -> ontology.decideProposal(proposal.id(), accept));
        refresh();
    }

    private void refresh() {
        grid.setItems(ontology.openProposals(500));
    }
}
