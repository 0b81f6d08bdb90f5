package io.tagforge.curation.app;

import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AccessAnnotationChecker;
import jakarta.annotation.security.PermitAll;
import com.vaadin.flow.component.html.Div;

/** The root sends a signed-in user to the first menu view their roles open. */
@Route("")
@PermitAll
public class HomeView extends Div implements BeforeEnterObserver {

    private final AccessAnnotationChecker access;

    public HomeView(AccessAnnotationChecker access) {
        this.access = access;
        add(new Paragraph("Your account has no role yet; ask an admin to give you one."));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        MainLayout.MENU.stream().filter(e -> access.hasAccess(e.view())).findFirst()
                .ifPresent(e -> event.forwardTo(e.view()));
    }
}
