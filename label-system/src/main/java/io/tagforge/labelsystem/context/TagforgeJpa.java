package io.tagforge.labelsystem.context;

import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * The JPA part of Tagforge's application context, which the web app imports: the entities and repositories of
 * every module (each feature keeps its own, under io.tagforge), the label system's services, and Hibernate
 * held to the schema Flyway owns ({@code ddl-auto=validate}: an entity that does not match its table stops
 * the start) with no session kept open across a web request ({@code open-in-view=false}). Boot's
 * auto-configured JpaTransactionManager runs the transactions, and JDBC code on the same DataSource joins them.
 */
@Configuration(proxyBeanMethods = false)
@EntityScan("io.tagforge")
@EnableJpaRepositories("io.tagforge")
@ComponentScan({"io.tagforge.labelsystem.curation", "io.tagforge.labelsystem.release"})
@PropertySource("classpath:io/tagforge/labelsystem/context/jpa.properties")
public class TagforgeJpa {
}
