package io.tagforge.curation.app;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import io.tagforge.curation.dashboard.DashboardView;
import jakarta.annotation.security.PermitAll;

/** The root: every signed-in person lands on the dashboard, which any of them may open. */
@Route("")
@PermitAll
public class HomeView extends Div implements BeforeEnterObserver {

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.forwardTo(DashboardView.class);
    }
}
