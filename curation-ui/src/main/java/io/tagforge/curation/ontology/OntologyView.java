package io.tagforge.curation.ontology;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.tagforge.curation.ontology.Ontology.Sort;
import io.tagforge.curation.ontology.Ontology.TagRow;
import io.tagforge.curation.security.Roles;
import jakarta.annotation.security.RolesAllowed;

/** Every tag, searched and sorted in the database a page at a time (lazy loading), each opening its page. */
@Route("ontology")
@PageTitle("Ontology · Tagforge")
@RolesAllowed(Roles.CURATOR)
public class OntologyView extends VerticalLayout {

    final TextField search = new TextField();
    final Grid<TagRow> grid = new Grid<>();

    public OntologyView(Ontology ontology) {
        setSizeFull();
        search.setId("tag-search");
        search.setPlaceholder("Search tags");
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setClearButtonVisible(true);
        HorizontalLayout links = new HorizontalLayout(search, new RouterLink("WordNet proposals", ProposalsView.class),
                new RouterLink("Releases", ReleasesView.class));
        links.setAlignItems(FlexComponent.Alignment.BASELINE);
        grid.setId("tag-grid");
        grid.addColumn(TagRow::id).setHeader("ID").setSortProperty(Sort.ID.name()).setAutoWidth(true);
        grid.addColumn(TagRow::name).setHeader("Name").setSortProperty(Sort.NAME.name()).setFlexGrow(3);
        grid.addColumn(TagRow::kind).setHeader("Kind").setSortProperty(Sort.KIND.name());
        grid.addColumn(TagRow::threshold).setHeader("Threshold").setSortProperty(Sort.THRESHOLD.name());
        grid.addColumn(t -> t.deprecated() ? "deprecated" : "").setHeader("");
        grid.setItems(query -> {
            QuerySortOrder order = query.getSortOrders().stream().findFirst().orElse(null);
            Sort sort = order == null ? Sort.NAME : Sort.valueOf(order.getSorted());
            boolean ascending = order == null || order.getDirection() == SortDirection.ASCENDING;
            return ontology.tags(search.getValue(), sort, ascending, query.getOffset(), query.getLimit()).stream();
        }, query -> ontology.count(search.getValue()));
        grid.addItemClickListener(e -> e.getSource().getUI()
                .ifPresent(ui -> ui.navigate(TagView.class, e.getItem().id())));
        search.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        grid.setSizeFull();
        add(links, grid);
    }
}
