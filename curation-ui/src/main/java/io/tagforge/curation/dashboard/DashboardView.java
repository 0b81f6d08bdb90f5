package io.tagforge.curation.dashboard;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.tagforge.curation.security.Roles;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/**
 * The landing page after sign-in: a dataset's report (RAM's Table 5, flags and review, tag frequency, kinds,
 * review progress) with its charts drawn on the server as SVG. Open to every signed-in person; one without a role
 * is told to ask an admin for one.
 */
@Route("dashboard")
@PageTitle("Dashboard · Tagforge")
@PermitAll
public class DashboardView extends VerticalLayout {

    private final Dashboard dashboard;
    final ComboBox<String> dataset = new ComboBox<>("Dataset");
    final ComboBox<String> release = new ComboBox<>("Release");
    final Div report = new Div();

    public DashboardView(Dashboard dashboard, AuthenticationContext auth) {
        this.dashboard = dashboard;
        if (!auth.hasAnyRole(Roles.ANNOTATOR, Roles.CURATOR, Roles.ADMIN)) {
            add(new Paragraph("Your account has no role yet; ask an admin to give you one."));
            return;
        }
        List<String> datasets = dashboard.datasets();
        if (datasets.isEmpty()) {
            add(new Paragraph("No datasets yet: an admin adds one under Datasets and jobs, or with ./tagforge ingest."));
            return;
        }
        dataset.setId("dashboard-dataset");
        dataset.setItems(datasets);
        release.setId("dashboard-release");
        release.setItems(dashboard.releases());
        release.setPlaceholder("all tags");
        release.setClearButtonVisible(true);
        HorizontalLayout choices = new HorizontalLayout(dataset, release);
        choices.setAlignItems(FlexComponent.Alignment.BASELINE);
        if (auth.hasAnyRole(Roles.CURATOR, Roles.ADMIN)) {
            Button recompute = new Button("Recompute stage numbers", e -> recompute());
            recompute.setId("dashboard-recompute");
            choices.add(recompute);
        }
        report.setId("dashboard-report");
        report.setWidthFull();
        add(choices, report);
        dataset.addValueChangeListener(e -> show());
        release.addValueChangeListener(e -> show());
        dataset.setValue(datasets.get(0));
    }

    private void show() {
        report.removeAll();
        if (dataset.getValue() != null) {
            report.add(new Html(dashboard.reportHtml(dataset.getValue(), release.getValue())));
        }
    }

    private void recompute() {
        dashboard.recompute(dataset.getValue());
        show();
        Notification.show("Stage numbers of " + dataset.getValue() + " recomputed from the tables");
    }
}
