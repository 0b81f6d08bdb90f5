package io.tagforge.labelsystem.context;

import javax.sql.DataSource;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * A Spring context of the label system on a given, already migrated DataSource, for code that does not run
 * inside the web app: CLI commands that curate, and tests. Boot configures JPA as in the web app.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = FlywayAutoConfiguration.class)
@Import(TagforgeJpa.class)
public class LabelSystemContext {

    /** Starts the context; the caller closes it (which leaves the DataSource open). */
    public static ConfigurableApplicationContext start(DataSource dataSource) {
        return new SpringApplicationBuilder(LabelSystemContext.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .initializers(context -> context.getBeanFactory().registerSingleton("dataSource", dataSource))
                .run();
    }
}
