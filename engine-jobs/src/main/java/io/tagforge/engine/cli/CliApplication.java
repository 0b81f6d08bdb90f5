package io.tagforge.engine.cli;

import io.tagforge.engine.app.TagforgeConfiguration;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * The CLI's Spring Boot application: the beans it shares with the web app, no web server. Beans are created
 * when first needed, which keeps start-up short. Flyway runs inside {@code Database.open}, so Boot's own
 * Flyway set-up stays out of the way.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = FlywayAutoConfiguration.class)
@Import(TagforgeConfiguration.class)
public class CliApplication {

    /** Starts the context; {@code properties} (tests: {@code tagforge.db.url}, ...) add to the defaults. */
    public static ConfigurableApplicationContext start(Map<String, Object> properties) {
        return new SpringApplicationBuilder(CliApplication.class)
                .web(WebApplicationType.NONE)
                .lazyInitialization(true)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(properties)
                .run();
    }
}
