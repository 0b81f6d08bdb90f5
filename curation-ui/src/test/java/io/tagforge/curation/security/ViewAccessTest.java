package io.tagforge.curation.security;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import io.tagforge.curation.CocoMiniFixture;
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
            DatasetsView.class, Roles.ADMIN);
    private static final List<String> ROLES = List.of(Roles.ANNOTATOR, Roles.CURATOR, Roles.ADMIN);
    private static final Map<String, String> USER_OF_ROLE = Map.of(
            Roles.ANNOTATOR, "anna", Roles.CURATOR, "cora", Roles.ADMIN, "root");

    @Autowired
    Exports exports;

    @Autowired
    Jobs jobs;

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
