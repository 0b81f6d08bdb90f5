package io.tagforge.curation.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagforge.curation.SpringUiTest;
import jakarta.persistence.EntityManagerFactory;
import java.util.Map;
import java.util.TreeMap;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.junit.jupiter.api.Test;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.support.OpenEntityManagerInViewInterceptor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The web app's context holds the entities of every module, validated against the migrated schema when it
 * started (ddl-auto=validate: a mismatch would have stopped it), and one JPA transaction manager that the JDBC
 * code joins.
 */
class ApplicationEntitiesTest extends SpringUiTest {

    @Test
    void theEntitiesOfEveryModuleAreMappedAndWereValidated() {
        assertThat(context.getEnvironment().getProperty("spring.jpa.hibernate.ddl-auto")).isEqualTo("validate");
        assertThat(context.getEnvironment().getProperty("spring.jpa.open-in-view")).isEqualTo("false");
        assertThat(context.getBeanNamesForType(OpenEntityManagerInViewInterceptor.class)).isEmpty();
        assertThat(context.getBean(PlatformTransactionManager.class)).isInstanceOf(JpaTransactionManager.class);
        Map<String, String> tables = new TreeMap<>();
        context.getBean(EntityManagerFactory.class).unwrap(SessionFactoryImplementor.class).getMappingMetamodel()
                .forEachEntityDescriptor(d -> tables.put(d.getMappedClass().getName(),
                        ((AbstractEntityPersister) d).getTableName()));
        assertThat(tables).containsOnly(
                Map.entry("io.tagforge.labelsystem.tag.TagEntity", "tag"),
                Map.entry("io.tagforge.labelsystem.tag.TagNameEntity", "tag_name"),
                Map.entry("io.tagforge.labelsystem.release.ReleaseEntity", "release"),
                Map.entry("io.tagforge.labelsystem.release.ReleaseTagEntity", "release_tag"),
                Map.entry("io.tagforge.labelsystem.curation.AuditEntry", "audit_log"),
                Map.entry("io.tagforge.labelsystem.curation.SynonymProposalEntity", "synonym_proposal"),
                Map.entry("io.tagforge.engine.job.JobSummary", "job"),
                Map.entry("io.tagforge.engine.export.ExportRecord", "export"),
                Map.entry("io.tagforge.curation.security.AppUser", "app_user"));
    }
}
