package io.tagforge.curation.app;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.PWA;
import com.vaadin.flow.theme.Theme;
import com.vaadin.flow.theme.lumo.Lumo;
import io.tagforge.labelsystem.context.TagforgeJpa;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The curation web app ({@code ./tagforge ui}). Flyway runs inside {@code Database.open}, so Boot's own Flyway
 * set-up stays out of the way.
 */
@SpringBootApplication(scanBasePackages = "io.tagforge.curation", exclude = FlywayAutoConfiguration.class)
// Vaadin finds routes in the auto-configuration packages: all of the module's features, not only this one
@AutoConfigurationPackage(basePackages = "io.tagforge.curation")
@Import(TagforgeJpa.class)
@Push
@Theme(themeClass = Lumo.class)
public class CurationApplication implements AppShellConfigurator {

    public static void main(String[] args) {
        SpringApplication.run(CurationApplication.class, PortArgument.toSpring(args));
    }
}
