package io.tagforge.labelsystem.curation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagforge.labelsystem.database.TestDatabase;
import io.tagforge.labelsystem.context.LabelSystemContext;
import io.tagforge.labelsystem.tag.Tag;
import io.tagforge.labelsystem.tag.TagName;
import io.tagforge.labelsystem.tag.Tags;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A curator edits tag "dog" on the UI's tag page while another runs a command on the CLI: both read it at the
 * same version, the first save wins, and the second is refused with what happened, writing nothing. Both paths
 * meet at the Curation service: the UI's service calls it inside its own transaction, the CLI without one.
 */
class ConcurrentTagEditTest {

    static ConfigurableApplicationContext context;
    static Curation curation;

    final Tags tags = new Tags(TestDatabase.dataSource());
    final JdbcClient jdbc = JdbcClient.create(TestDatabase.dataSource());
    int dog;

    @BeforeAll
    static void start() {
        context = LabelSystemContext.start(TestDatabase.dataSource());
        curation = context.getBean(Curation.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    /** dog at version 2, after two audited edits */
    @BeforeEach
    void dog() {
        TestDatabase.get().truncateAll();
        dog = jdbc.sql("INSERT INTO tag (name, threshold) VALUES ('dog', 0.8) RETURNING id").query(Integer.class).single();
        jdbc.sql("INSERT INTO tag_name (tag_id, form, language, source) VALUES (?, 'dog', 'en', 0)").param(dog).update();
        curation.addSynonym("setup", dog, 0, "doggy", "en");
        curation.setDescription("setup", dog, 1, "a domestic dog");
    }

    @Test
    void theSecondSaveOfOneVersionIsRefusedAndWritesNothing() {
        int seenInUi = tags.find(dog).orElseThrow().version();
        int seenOnCli = tags.find(dog).orElseThrow().version();
        assertThat(seenInUi).isEqualTo(seenOnCli).isEqualTo(2);

        assertThat(curation.setThreshold("cora", dog, seenInUi, 0.5f)).isEqualTo(3);
        Tag saved = tags.find(dog).orElseThrow();
        String state = everything();

        assertThatThrownBy(() -> curation.rename("carl", dog, seenOnCli, "hound"))
                .isInstanceOf(ConcurrentEditException.class)
                .hasMessage("tag " + dog + " (dog) was changed by someone else since you read it (now version 3, you "
                        + "had 2): nothing was saved; reload and retry");
        assertThat(tags.find(dog).orElseThrow()).isEqualTo(saved);
        assertThat(everything()).isEqualTo(state);
        assertThat(jdbc.sql("SELECT string_agg(actor || ' ' || action, ', ' ORDER BY id) FROM audit_log")
                .query(String.class).single()).isEqualTo("setup add-synonym, setup set-description, cora set-threshold");
    }

    /**
     * The UI saves inside a transaction of its own that has not committed yet: the CLI's save of the same
     * version waits for it, then finds the UI's version and is refused.
     */
    @Test
    void aSaveWhileTheOtherIsStillCommittingWaitsThenIsRefused() throws Exception {
        int seen = tags.find(dog).orElseThrow().version();
        TransactionTemplate uiTransaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        CompletableFuture<Integer> cli = uiTransaction.execute(status -> {
            curation.setThreshold("cora", dog, seen, 0.5f);
            CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(
                    () -> curation.setThreshold("carl", dog, seen, 0.9f));
            // the UI's transaction holds the tag: the CLI cannot pass it
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            assertThat(waiting).isNotDone();
            return waiting;
        });
        assertThatThrownBy(() -> cli.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(ConcurrentEditException.class)
                .cause().hasMessageContaining("(now version 3, you had 2)");
        assertThat(tags.find(dog).orElseThrow().threshold()).isEqualTo(0.5f);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE actor = 'carl'").query(Integer.class).single())
                .isZero();
    }

    /** the tag's row, its names and the audit log, as text */
    private String everything() {
        return jdbc.sql("SELECT t::text FROM tag t WHERE id = ?").param(dog).query(String.class).single() + " "
                + tags.names(dog).stream().map(TagName::toString).toList() + " "
                + jdbc.sql("SELECT count(*) FROM audit_log").query(Integer.class).single();
    }
}
