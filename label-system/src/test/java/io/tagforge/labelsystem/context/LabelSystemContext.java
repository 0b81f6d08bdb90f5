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
 * A Spring context of the label system alone on a given, already migrated DataSource, for the tests of modules
 * below engine-jobs (whose CLI context has it all). Boot configures JPA as in the applications.
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
