package io.tagforge.labelsystem.curation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagforge.labelsystem.context.LabelSystemContext;
import io.tagforge.labelsystem.database.TestDatabase;
import io.tagforge.labelsystem.tag.Tags;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Curation's writes are part of the caller's transaction: when the caller fails, they are gone too. */
class CurationJoinsTransactionTest {

    static final DataSource ds = TestDatabase.dataSource();
    static final ConfigurableApplicationContext spring = LabelSystemContext.start(ds);
    final PlatformTransactionManager manager = spring.getBean(PlatformTransactionManager.class);
    final Curation curation = spring.getBean(Curation.class);
    final JdbcClient sql = JdbcClient.create(ds);
    int dog;

    @AfterAll
    static void close() {
        spring.close();
    }

    @BeforeEach
    void vocabulary() {
        TestDatabase.get().truncateAll();
        dog = sql.sql("INSERT INTO tag (name, threshold) VALUES ('dog', 0.8) RETURNING id").query(Integer.class).single();
    }

    @Test
    void aFailingOuterTransactionTakesTheCurationsWritesWithIt() {
        assertThatThrownBy(() -> new TransactionTemplate(manager).executeWithoutResult(status -> {
            assertThat(curation.rename("alice", dog, 0, "hound")).isEqualTo(1);
            assertThat(curation.addSynonym("alice", dog, 1, "doggo", "en")).isEqualTo(2);
            // inside the transaction its own writes are visible: the same connection
            assertThat(sql.sql("SELECT name FROM tag WHERE id = ?").param(dog).query(String.class).single())
                    .isEqualTo("hound");
            throw new IllegalStateException("the caller fails after curating");
        })).hasMessage("the caller fails after curating");

        assertThat(new Tags(ds).find(dog).orElseThrow().name()).isEqualTo("dog");
        assertThat(new Tags(ds).find(dog).orElseThrow().version()).isZero();
        assertThat(sql.sql("SELECT count(*) FROM tag_name WHERE form = 'doggo'").query(Long.class).single()).isZero();
        assertThat(sql.sql("SELECT count(*) FROM audit_log").query(Long.class).single()).isZero();
    }

    @Test
    void withoutAnOuterTransactionEachOperationCommitsOnItsOwn() {
        assertThat(curation.rename("alice", dog, 0, "hound")).isEqualTo(1);
        assertThat(new Tags(ds).find(dog).orElseThrow().name()).isEqualTo("hound");
        assertThat(sql.sql("SELECT count(*) FROM audit_log").query(Long.class).single()).isEqualTo(1);
    }
}
