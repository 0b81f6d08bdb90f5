package io.tagforge.curation.security;

import static com.github.mvysny.kaributesting.v10.ButtonKt._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.router.RouterLink;
import io.tagforge.curation.SpringUiTest;
import io.tagforge.curation.app.MainLayout;
import io.tagforge.curation.app.NotAllowedView;
import io.tagforge.curation.dashboard.DashboardView;
import io.tagforge.engine.testing.CocoMiniFixture;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Every signed-in person lands on a page they may see (the dashboard); a page they may not open says so inside
 * the app; users always have a role, and an admin changes roles and disables users, never the last admin.
 */
class LandingAndAccountsTest extends SpringUiTest {

    private static final Map<String, String> USER_OF_ROLE = Map.of(
            Roles.ANNOTATOR, "anna", Roles.CURATOR, "cora", Roles.ADMIN, "root");

    @Autowired
    UserAccounts accounts;

    @Autowired
    AppUserDetailsService users;

    @Autowired
    PasswordEncoder passwords;

    @BeforeAll
    static void load() {
        CocoMiniFixture.load();
    }

    @Test
    void everyRoleLandsOnTheDashboard() {
        USER_OF_ROLE.forEach((role, user) -> {
            openUi(user, role);
            UI.getCurrent().navigate("");
            assertThat(UI.getCurrent().getInternals().getActiveRouterTargetsChain())
                    .as(role).anyMatch(DashboardView.class::isInstance);
            closeUi();
        });
    }

    @Test
    void aPageTheUserMayNotOpenSaysSoInsideTheAppAndLinksThePagesTheyMayOpen() {
        openUi("anna", Roles.ANNOTATOR);
        try {
            UI.getCurrent().navigate(UsersView.class);
        } catch (RuntimeException | AssertionError refused) {
            // Karibu reports the reroute to the error view; what counts is what the UI shows
        }
        assertThat(UI.getCurrent().getInternals().getActiveRouterTargetsChain())
                .anyMatch(NotAllowedView.class::isInstance).anyMatch(MainLayout.class::isInstance)
                .noneMatch(UsersView.class::isInstance);
        NotAllowedView view = _get(NotAllowedView.class);
        assertThat(view.getElement().getTextRecursively()).contains("You may not open this page",
                "The page \"users\" is for ADMIN; anna has the role ANNOTATOR.", "Pages you can open:");
        assertThat(_find(view, RouterLink.class)).extracting(RouterLink::getText)
                .containsExactly("Dashboard", "Review", "Gallery");
    }

    @Test
    void aUserWithoutARoleIsNotCreated() {
        signIn("root", Roles.ADMIN);
        assertThatThrownBy(() -> accounts.create("nora", "nora-secret-1", List.of()))
                .isInstanceOf(AccountException.class).hasMessageContaining("at least one role")
                .extracting(e -> ((AccountException) e).field()).isEqualTo("roles");
        openUi("root", Roles.ADMIN);
        UI.getCurrent().navigate(UsersView.class);
        UsersView view = _get(UsersView.class);
        view.username.setValue("nora");
        view.password.setValue("nora-secret-1");
        view.roles.clear();
        _click(_get(Button.class, spec -> spec.withId("create-user")));
        assertThat(accounts.list()).extracting(UserAccounts.Account::username).doesNotContain("nora");
    }

    @Test
    void anAdminChangesRolesAndDisablesAUserWhoThenCannotSignInButKeepsAnAdmin() {
        signIn("root", Roles.ADMIN);
        String name = "dora" + System.nanoTime() % 100000;
        int dora = accounts.create(name, "dora-secret-1", List.of(Roles.ANNOTATOR));

        openUi("root", Roles.ADMIN);
        UI.getCurrent().navigate(UsersView.class);
        UsersView view = _get(UsersView.class);
        view.grid.select(account(name));
        view.editRoles.setValue(Set.of(Roles.CURATOR, Roles.ANNOTATOR));
        _click(view.save);
        assertThat(users.loadUserByUsername(name).getAuthorities()).extracting(Object::toString)
                .containsExactlyInAnyOrder("ROLE_CURATOR", "ROLE_ANNOTATOR");
        view.editRoles.clear();
        _click(view.save);
        assertThat(account(name).roles()).containsExactly(Roles.ANNOTATOR, Roles.CURATOR);

        DaoAuthenticationProvider signInCheck = new DaoAuthenticationProvider(users);
        signInCheck.setPasswordEncoder(passwords);
        assertThat(signInCheck.authenticate(new UsernamePasswordAuthenticationToken(name, "dora-secret-1"))
                .isAuthenticated()).isTrue();
        accounts.update(dora, List.of(Roles.ANNOTATOR), false);
        assertThatThrownBy(() -> signInCheck.authenticate(new UsernamePasswordAuthenticationToken(name,
                "dora-secret-1"))).isInstanceOf(DisabledException.class);
        assertThat(jdbcAudit(dora)).containsExactly("create_user", "update_user", "update_user");

        // root as the only enabled admin can neither lose the role nor be disabled
        for (UserAccounts.Account other : accounts.list()) {
            if (other.roles().contains(Roles.ADMIN) && !other.username().equals("root")) {
                accounts.update(other.id(), other.roles(), false);
            }
        }
        UserAccounts.Account root = account("root");
        assertThatThrownBy(() -> accounts.update(root.id(), List.of(Roles.CURATOR), true))
                .isInstanceOf(AccountException.class).hasMessageContaining("no enabled admin");
        assertThatThrownBy(() -> accounts.update(root.id(), root.roles(), false))
                .isInstanceOf(AccountException.class).hasMessageContaining("no enabled admin");
        assertThat(account("root")).isEqualTo(root);
    }

    private UserAccounts.Account account(String name) {
        return accounts.list().stream().filter(a -> a.username().equals(name)).findFirst().orElseThrow();
    }

    private List<String> jdbcAudit(int userId) {
        return context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("SELECT action FROM audit_log WHERE entity_type = 'app_user' AND entity_id = ? ORDER BY id")
                .param(String.valueOf(userId)).query(String.class).list();
    }
}
