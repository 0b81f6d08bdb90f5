package io.tagforge.curation;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import io.tagforge.curation.app.CurationApplication;
import io.tagforge.labelsystem.database.TestDatabase;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One Spring context for all UI-module tests (same configuration, so Spring caches it; a second context would
 * also replace the static security-context strategy the first one's method security holds), serving on a random
 * port for the browser test, on the test database;
 * {@link #signIn} and {@link #openUi} act as a user in service calls and in a Karibu-mocked browser.
 */
@SpringBootTest(classes = CurationApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
public abstract class SpringUiTest {

    private static final Routes ROUTES = new Routes().autoDiscoverViews("io.tagforge.curation");

    @Autowired
    protected ApplicationContext context;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("tagforge.db.url", () -> TestDatabase.get().url());
        // COCO-MINI has a few dozen flags a tag: a bulk decision after 3 reviewed, not the default 30
        registry.add("tagforge.review.min-reviewed", () -> "3");
        registry.add("tagforge.export-dir", () -> java.nio.file.Path.of("target/test-exports").toAbsolutePath().toString());
    }

    /** Acts as this user (with these roles) on this thread. */
    public static UsernamePasswordAuthenticationToken signIn(String username, String... roles) {
        List<SimpleGrantedAuthority> authorities = Arrays.stream(roles).map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList();
        var token = new UsernamePasswordAuthenticationToken(new User(username, "n/a", authorities), null, authorities);
        SecurityContextHolder.getContext().setAuthentication(token);
        return token;
    }

    /** A mocked browser session of this user. */
    protected void openUi(String username, String... roles) {
        var token = signIn(username, roles);
        MockVaadin.setMockRequestFactory(session -> {
            FakeRequest request = new FakeRequest(session);
            request.setUserPrincipalInt(token);
            request.setUserInRole((principal, role) -> Arrays.asList(roles).contains(role));
            return request;
        });
        MockVaadin.setup(UI::new, new MockSpringServlet(ROUTES, context, UI::new));
    }

    @AfterEach
    protected void closeUi() {
        MockVaadin.tearDown();
        SecurityContextHolder.clearContext();
    }
}
