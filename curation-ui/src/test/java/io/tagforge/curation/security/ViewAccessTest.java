package io.tagforge.curation.security;

import static com.github.mvysny.kaributesting.v10.ButtonKt._click;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import io.tagforge.curation.SpringUiTest;
import io.tagforge.curation.datasets.DatasetsView;
import io.tagforge.curation.datasets.Jobs;
import io.tagforge.curation.export.ExportView;
import io.tagforge.curation.export.Exports;
import io.tagforge.curation.ontology.OntologyView;
import io.tagforge.curation.ontology.ProposalsView;
import io.tagforge.curation.ontology.ReleasesView;
import io.tagforge.curation.review.GalleryView;
import io.tagforge.curation.review.ReviewView;
import io.tagforge.engine.export.ExportFormat;
import io.tagforge.engine.export.ExportPolicy;
import io.tagforge.engine.testing.CocoMiniFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/** Each view opens for its role and refuses a user without it; so do the services behind them. */
class ViewAccessTest extends SpringUiTest {

    private static final Map<Class<? extends Component>, String> VIEW_ROLE = Map.of(
            ReviewView.class, Roles.ANNOTATOR,
            GalleryView.class, Roles.ANNOTATOR,
            ExportView.class, Roles.CURATOR,
            OntologyView.class, Roles.CURATOR,
            ProposalsView.class, Roles.CURATOR,
            ReleasesView.class, Roles.CURATOR,
            DatasetsView.class, Roles.ADMIN,
            UsersView.class, Roles.ADMIN);
    private static final List<String> ROLES = List.of(Roles.ANNOTATOR, Roles.CURATOR, Roles.ADMIN);
    private static final Map<String, String> USER_OF_ROLE = Map.of(
            Roles.ANNOTATOR, "anna", Roles.CURATOR, "cora", Roles.ADMIN, "root");

    @Autowired
    Exports exports;

    @Autowired
    Jobs jobs;

    @Autowired
    AppUserDetailsService users;

    @Autowired
    UserAccounts accounts;

    @Autowired
    org.springframework.security.crypto.password.PasswordEncoder passwords;

    @BeforeAll
    static void load() {
        CocoMiniFixture.load();
    }

    @Test
    void eachViewOpensOnlyForItsRole() {
        VIEW_ROLE.forEach((view, role) -> {
            for (String userRole : ROLES) {
                openUi(USER_OF_ROLE.get(userRole), userRole);
                boolean opened = navigate(view);
                assertThat(opened).as(view.getSimpleName() + " for a user with only " + userRole)
                        .isEqualTo(userRole.equals(role));
                if (opened) {
                    assertThat(_get(view)).isNotNull();
                }
                closeUi();
            }
        });
    }

    @Test
    void servicesRefuseUsersWithoutTheRole() {
        signIn("anna", Roles.ANNOTATOR);
        assertThatThrownBy(() -> exports.start("coco-mini", "any", ExportFormat.RAM_JSON, ExportPolicy.ALL, false))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> jobs.recent(10)).isInstanceOf(AccessDeniedException.class);
        signIn("cora", Roles.CURATOR);
        assertThatThrownBy(() -> jobs.cancel(1)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void anAdminCreatesAnAnnotatorWhoseHashedPasswordSignsIn() {
        openUi("root", Roles.ADMIN);
        UI.getCurrent().navigate(UsersView.class);
        UsersView view = _get(UsersView.class);
        String name = "dave" + System.nanoTime() % 100000;
        view.username.setValue(name);
        view.password.setValue("dave-secret-9");
        _click(_get(Button.class, spec -> spec.withId("create-user")));
        assertThat(_size(view.grid)).isGreaterThanOrEqualTo(5);
        var user = users.loadUserByUsername(name);
        assertThat(user.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_ANNOTATOR");
        assertThat(user.getPassword()).startsWith("$2").doesNotContain("dave-secret-9");
        assertThat(passwords.matches("dave-secret-9", user.getPassword())).isTrue();
        signIn("anna", Roles.ANNOTATOR);
        assertThatThrownBy(() -> accounts.create("eve", "eve-secret-99", List.of(Roles.ADMIN)))
                .isInstanceOf(AccessDeniedException.class);
    }

    /** True when the UI shows the view afterwards; Karibu reports a refused navigation as an error. */
    private static boolean navigate(Class<? extends Component> view) {
        try {
            UI.getCurrent().navigate(view);
        } catch (AssertionError | RuntimeException refused) {
            // the access-denied error view; what counts is what the UI shows
        }
        return UI.getCurrent().getInternals().getActiveRouterTargetsChain().stream().anyMatch(view::isInstance);
    }
}
