package io.tagforge.labelsystem.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagforge.labelsystem.database.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.util.Map;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.hibernate.tool.schema.spi.SchemaManagementException;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.persistenceunit.PersistenceManagedTypes;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;
import schemafixture.MismappedTag;
import schemafixture.MistypedTag;

/**
 * The entities against the schema Flyway migrated. The context starts Hibernate with ddl-auto=validate, so
 * starting it is the check; the planted fixtures show that a mapping the schema does not have stops it.
 */
class EntitySchemaTest {

    @Test
    void everyEntityOfTheLabelSystemMatchesTheMigratedSchema() {
        try (ConfigurableApplicationContext context = LabelSystemContext.start(TestDatabase.dataSource())) {
            assertThat(context.getEnvironment().getProperty("spring.jpa.hibernate.ddl-auto")).isEqualTo("validate");
            assertThat(context.getEnvironment().getProperty("spring.jpa.open-in-view")).isEqualTo("false");
            assertThat(tables(context.getBean(EntityManagerFactory.class))).containsOnly(
                    Map.entry("TagEntity", "tag"), Map.entry("TagNameEntity", "tag_name"),
                    Map.entry("ReleaseEntity", "release"), Map.entry("ReleaseTagEntity", "release_tag"),
                    Map.entry("AuditEntry", "audit_log"), Map.entry("SynonymProposalEntity", "synonym_proposal"));
        }
    }

    @Test
    void aColumnTheSchemaLacksStopsTheStart() {
        assertThatThrownBy(() -> validate(MismappedTag.class)).hasRootCauseInstanceOf(SchemaManagementException.class)
                .rootCause().hasMessageContaining("missing column [label] in table [tag]");
    }

    @Test
    void aColumnOfAnotherTypeStopsTheStart() {
        assertThatThrownBy(() -> validate(MistypedTag.class)).hasRootCauseInstanceOf(SchemaManagementException.class)
                .rootCause().hasMessageContaining("wrong column type encountered in column [deprecated] in table [tag]");
    }

    /** the entity classes and their tables, as Hibernate mapped them */
    static Map<String, String> tables(EntityManagerFactory factory) {
        Map<String, String> tables = new java.util.TreeMap<>();
        factory.unwrap(SessionFactoryImplementor.class).getMappingMetamodel().forEachEntityDescriptor(d ->
                tables.put(d.getMappedClass().getSimpleName(), ((AbstractEntityPersister) d).getTableName()));
        return tables;
    }

    /** Hibernate started on {@code entity} alone, validating as the application's context does */
    private static void validate(Class<?> entity) {
        LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
        factory.setDataSource(TestDatabase.dataSource());
        factory.setManagedTypes(PersistenceManagedTypes.of(entity.getName()));
        factory.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
        factory.setJpaPropertyMap(Map.of("hibernate.hbm2ddl.auto", "validate"));
        factory.afterPropertiesSet();
        factory.destroy();
    }
}
