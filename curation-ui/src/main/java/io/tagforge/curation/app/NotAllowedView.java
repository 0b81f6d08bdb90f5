package io.tagforge.curation.app;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.HttpStatusCode;
import com.vaadin.flow.server.auth.AccessAnnotationChecker;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

/**
 * What a signed-in person sees on a page their roles do not open (instead of Vaadin's bare "Could not navigate"):
 * inside the app's frame, which roles the page needs, their own, and links to the pages they may open.
 */
@ParentLayout(MainLayout.class)
@AnonymousAllowed
public class NotAllowedView extends VerticalLayout implements HasErrorParameter<AccessDeniedException> {

    private final AuthenticationContext auth;
    private final AccessAnnotationChecker access;

    public NotAllowedView(AuthenticationContext auth, AccessAnnotationChecker access) {
        this.auth = auth;
        this.access = access;
        setId("not-allowed");
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        String path = event.getLocation().getPath();
        String needed = RouteConfiguration.forSessionScope().getRoute(path)
                .map(view -> view.getAnnotation(RolesAllowed.class))
                .map(roles -> " is for " + String.join(" or ", roles.value()))
                .orElse(" is not open to you");
        String who = auth.getPrincipalName().orElse("you");
        List<String> mine = auth.getGrantedRoles().stream().sorted().toList();
        add(new H2("You may not open this page"));
        add(new Paragraph("The page \"" + path + "\"" + needed + "; " + who + " has "
                + (mine.isEmpty() ? "no role yet (ask an admin for one)" : "the role " + String.join(", ", mine))
                + "."));
        add(new Paragraph("Pages you can open:"));
        UnorderedList links = new UnorderedList();
        for (MainLayout.Entry entry : MainLayout.MENU) {
            if (access.hasAccess(entry.view())) {
                links.add(new ListItem(new RouterLink(entry.label(), entry.view())));
            }
        }
        add(links);
        return HttpStatusCode.FORBIDDEN.getCode();
    }
}
