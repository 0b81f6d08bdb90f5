package io.tagforge.curation.app;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.server.auth.AccessAnnotationChecker;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.spring.security.AuthenticationContext;
import java.util.List;

/** The frame around every view: a menu showing only the views the user's roles open. */
@Layout
@AnonymousAllowed
public class MainLayout extends AppLayout {

    public record Entry(String label, Class<? extends Component> view) {
    }

    public static final List<Entry> MENU = List.of(
            new Entry("Dashboard", io.tagforge.curation.dashboard.DashboardView.class),
            new Entry("Review", io.tagforge.curation.review.ReviewView.class),
            new Entry("Gallery", io.tagforge.curation.review.GalleryView.class),
            new Entry("Ontology", io.tagforge.curation.ontology.OntologyView.class),
            new Entry("Proposals", io.tagforge.curation.ontology.ProposalsView.class),
            new Entry("Mappings", io.tagforge.curation.ontology.MappingsView.class),
            new Entry("Releases", io.tagforge.curation.ontology.ReleasesView.class),
            new Entry("Export", io.tagforge.curation.export.ExportView.class),
            new Entry("Datasets and jobs", io.tagforge.curation.datasets.DatasetsView.class),
            new Entry("Users", io.tagforge.curation.security.UsersView.class));

    public MainLayout(AuthenticationContext auth, AccessAnnotationChecker access) {
        H2 title = new H2("Tagforge");
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");
        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), title);
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.setWidthFull();
        auth.getPrincipalName().ifPresent(name -> {
            Span who = new Span(name);
            Button logout = new Button("Sign out", e -> auth.logout());
            logout.setId("logout");
            HorizontalLayout right = new HorizontalLayout(who, logout);
            right.setAlignItems(FlexComponent.Alignment.CENTER);
            right.getStyle().set("margin-left", "auto").set("margin-right", "var(--lumo-space-m)");
            header.add(right);
        });
        addToNavbar(header);
        SideNav nav = new SideNav();
        for (Entry entry : MENU) {
            if (access.hasAccess(entry.view())) {
                String path = RouteConfiguration.forSessionScope().getUrl(entry.view());
                nav.addItem(new SideNavItem(entry.label(), path));
            }
        }
        addToDrawer(nav);
    }
}
