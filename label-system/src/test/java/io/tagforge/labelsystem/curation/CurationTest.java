package io.tagforge.labelsystem.curation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagforge.labelsystem.database.TestDatabase;
import io.tagforge.labelsystem.context.LabelSystemContext;
import io.tagforge.labelsystem.error.TagforgeException;
import io.tagforge.labelsystem.release.ReleaseDiff;
import io.tagforge.labelsystem.release.ReleaseEntry;
import io.tagforge.labelsystem.release.Releases;
import io.tagforge.labelsystem.tag.NameSource;
import io.tagforge.labelsystem.tag.Tag;
import io.tagforge.labelsystem.tag.TagKind;
import io.tagforge.labelsystem.tag.TagName;
import io.tagforge.labelsystem.tag.Tags;
import io.tagforge.labelsystem.transaction.Transactions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

class CurationTest {

    static final int COUCH = 1;
    static final int SOFA = 2;
    static final int DOG = 3;

    static ConfigurableApplicationContext context;
    static Curation curation;

    final DataSource ds = TestDatabase.dataSource();
    final Tags tags = new Tags(ds);

    @BeforeAll
    static void start() {
        context = LabelSystemContext.start(TestDatabase.dataSource());
        curation = context.getBean(Curation.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @BeforeEach
    void vocabulary() throws SQLException {
        TestDatabase.get().truncateAll();
        sql("""
                INSERT INTO tag (name, threshold) VALUES ('couch', 0.7), ('sofa', 0.6), ('dog', 0.8);
                INSERT INTO tag_name (tag_id, form, language, source) VALUES
                    (1, 'couch', 'en', 0), (1, '沙发', 'zh', 3), (2, 'sofa', 'en', 0), (2, 'settee', 'en', 2),
                    (2, 'davenport', 'en', 2), (3, 'dog', 'en', 0);
                INSERT INTO dataset (name, format) VALUES ('d', 'coco');
                INSERT INTO image (dataset_id, path) VALUES (1, 'a.jpg'), (1, 'b.jpg'), (1, 'c.jpg');
                INSERT INTO caption (image_id, origin, text) VALUES (1, 0, 'a sofa'), (2, 0, 'a couch'), (3, 0, 'a settee');
                -- image 1: couch and sofa from the same caption (a duplicate after merging); image 3 only sofa
                INSERT INTO tag_assignment (image_id, dataset_id, tag_id, caption_id, source) VALUES
                    (1, 1, 1, 1, 0), (1, 1, 2, 1, 0), (2, 1, 1, 2, 0), (3, 1, 2, 3, 0);
                INSERT INTO tag_assignment (image_id, dataset_id, tag_id, source, state, flag_rule, score) VALUES
                    (3, 1, 2, 2, 1, 2, 0.4);
                INSERT INTO flag_evidence (assignment_id, evidence) VALUES (5, '{"score": 0.4}');
                """);
    }

    @Test
    void renameIsAuditedAndUndone() throws SQLException {
        assertThat(curation.rename("alice", SOFA, 0, "Sofa ")).isEqualTo(1);
        Tag sofa = tags.find(SOFA).orElseThrow();
        assertThat(sofa.name()).isEqualTo("Sofa");
        assertThat(sofa.version()).isEqualTo(1);
        assertThat(tags.names(SOFA)).contains(new TagName("Sofa", "en", NameSource.PRIMARY));
        assertThat(query("SELECT actor || ' ' || action || ' ' || (before->>'name') || '→' || (after->>'name') "
                + "FROM audit_log")).isEqualTo("alice rename sofa→Sofa");

        curation.undo("alice", lastAudit());
        assertThat(tags.find(SOFA).orElseThrow().name()).isEqualTo("sofa");
        assertThat(tags.find(SOFA).orElseThrow().version()).isZero();
        assertThat(tags.names(SOFA)).contains(new TagName("sofa", "en", NameSource.PRIMARY));
        assertThat(query("SELECT count(*) FROM audit_log WHERE undone_by IS NOT NULL")).isEqualTo("1");
        assertThatThrownBy(() -> curation.undo("alice", 1)).isInstanceOf(CurationException.class).hasMessageContaining("already undone");
    }

    /** curated surface mappings: block, add and remove are audited and undone; a repeat or an unknown tag fails */
    @Test
    void surfaceMappingsAreAuditedAndUndone() throws SQLException {
        long block = curation.blockMapping("alice", " Davenport ", "sofa", "a bench in captions");
        assertThat(query("SELECT surface || ' ' || action || ' ' || tag_name || ' ' || created_by FROM surface_mapping "
                + "WHERE surface = 'davenport'")).isEqualTo("davenport 2 sofa alice");
        assertThatThrownBy(() -> curation.blockMapping("alice", "davenport", "sofa", null)).isInstanceOf(CurationException.class)
                .hasMessage("\"davenport\" is already blocked from sofa");
        assertThatThrownBy(() -> curation.addMapping("alice", "settee", "chaise", null)).isInstanceOf(CurationException.class)
                .hasMessage("no live tag named \"chaise\"");
        long add = curation.addMapping("bob", "mobile phone", "dog", null);
        long mapping = Long.parseLong(query("SELECT id FROM surface_mapping WHERE surface = 'mobile phone'"));
        long remove = curation.removeMapping("bob", mapping);
        assertThat(query("SELECT count(*) FROM surface_mapping WHERE surface = 'mobile phone'")).isEqualTo("0");

        curation.undo("bob", remove);
        assertThat(query("SELECT id || ' ' || tag_name FROM surface_mapping WHERE surface = 'mobile phone'"))
                .isEqualTo(mapping + " dog");
        curation.undo("bob", add);
        curation.undo("alice", block);
        assertThat(query("SELECT count(*) FROM surface_mapping WHERE surface IN ('mobile phone', 'davenport')"))
                .isEqualTo("0");
        assertThat(query("SELECT string_agg(action, ',' ORDER BY id) FROM audit_log"))
                .isEqualTo("block-mapping,add-mapping,remove-mapping,undo,undo,undo");
        assertThatThrownBy(() -> curation.undo("alice", add)).isInstanceOf(CurationException.class)
                .hasMessageContaining("already undone");
    }

    /**
     * a pin holds a surface to one WordNet noun sense: audited, undone, frozen in a release; a key WordNet lacks or
     * of another word is refused and writes nothing
     */
    @Test
    void aSensePinIsCheckedAuditedFrozenAndUndone() throws SQLException {
        assertThatThrownBy(() -> curation.pinSense("alice", "mouse", "mouse%1:99:00::", null))
                .isInstanceOf(TagforgeException.class)
                .hasMessage("sense_key: WordNet has no sense \"mouse%1:99:00::\" (a sense key looks like mouse%1:06:00::)");
        assertThatThrownBy(() -> curation.pinSense("alice", "mouse", "rack%1:06:00::", null))
                .isInstanceOf(TagforgeException.class)
                .hasMessage("sense_key: \"rack%1:06:00::\" is no noun sense of \"mouse\"");
        assertThatThrownBy(() -> curation.pinSense("alice", "mouse", "not a key", null))
                .isInstanceOf(TagforgeException.class).hasMessageStartingWith("sense_key: ");
        assertThat(query("SELECT count(*) FROM surface_mapping WHERE action = 3")).isEqualTo("0");
        assertThat(query("SELECT count(*) FROM audit_log")).isEqualTo("0");

        long pin = curation.pinSense("alice", " Mice ", "MOUSE%1:06:00::", "the device on desks");
        assertThat(query("SELECT surface || ' ' || action || ' ' || sense_key || ' ' || (tag_name IS NULL) || ' ' "
                + "|| created_by FROM surface_mapping WHERE action = 3")).isEqualTo("mice 3 mouse%1:06:00:: true alice");
        assertThatThrownBy(() -> curation.pinSense("alice", "mice", "mouse%1:05:00::", null))
                .isInstanceOf(CurationException.class).hasMessage("\"mice\" is already pinned to a sense");
        curation.createRelease("alice", "pinned", null, null);
        assertThat(query("SELECT surface || ' ' || action || ' ' || sense_key FROM release_surface_mapping r "
                + "JOIN release ON release.id = r.release_id WHERE release.name = 'pinned' AND action = 3"))
                .isEqualTo("mice 3 mouse%1:06:00::");

        curation.undo("alice", pin);
        assertThat(query("SELECT count(*) FROM surface_mapping WHERE action = 3")).isEqualTo("0");
        assertThat(query("SELECT count(*) FROM release_surface_mapping WHERE action = 3")).isEqualTo("1");
        assertThat(query("SELECT string_agg(action, ',' ORDER BY id) FROM audit_log"))
                .isEqualTo("pin-sense,create-release,undo");
    }

    @Test
    void aStaleVersionIsAConflictAndWritesNothing() throws SQLException {
        int seen = tags.find(DOG).orElseThrow().version();
        curation.setThreshold("alice", DOG, seen, 0.5f);
        assertThatThrownBy(() -> curation.setThreshold("bob", DOG, seen, 0.9f))
                .isInstanceOf(ConcurrentEditException.class)
                .hasMessage("tag 3 (dog) was changed by someone else since you read it (now version 1, you had 0): "
                        + "nothing was saved; reload and retry");
        assertThat(tags.find(DOG).orElseThrow().threshold()).isEqualTo(0.5f);
        assertThat(query("SELECT count(*) FROM audit_log")).isEqualTo("1");
    }

    @Test
    void ofTwoSimultaneousEditsOfOneVersionExactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (String who : List.of("alice", "bob")) {
            results.add(pool.submit(() -> {
                start.await();
                try {
                    curation.setDescription(who, DOG, 0, "edited by " + who);
                    return "saved";
                } catch (ConcurrentEditException e) {
                    return "conflict";
                }
            }));
        }
        start.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> r : results) {
            outcomes.add(r.get());
        }
        pool.shutdown();
        assertThat(outcomes).containsExactlyInAnyOrder("saved", "conflict");
        assertThat(tags.find(DOG).orElseThrow().version()).isEqualTo(1);
        assertThat(query("SELECT count(*) FROM audit_log")).isEqualTo("1");
    }

    @Test
    void nameTakenAndBadValuesAreRefused() {
        assertThatThrownBy(() -> curation.rename("alice", SOFA, 0, "COUCH")).isInstanceOf(CurationException.class)
                .hasMessage("tag 1 is already named \"COUCH\" (OBJECT_SCENE): merge instead");
        assertThatThrownBy(() -> curation.rename("alice", SOFA, 0, "a\tb")).isInstanceOf(CurationException.class);
        assertThatThrownBy(() -> curation.setThreshold("alice", SOFA, 0, 1.5f)).isInstanceOf(CurationException.class);
        assertThatThrownBy(() -> curation.addSynonym("alice", SOFA, 0, "settee", "en")).isInstanceOf(CurationException.class)
                .hasMessageContaining("already has the name");
        assertThatThrownBy(() -> curation.removeSynonym("alice", SOFA, 0, "sofa", "en")).isInstanceOf(CurationException.class);
        assertThatThrownBy(() -> curation.rename("alice", 99, 0, "x")).hasMessage("no tag with id 99");
    }

    @Test
    void synonymsTranslationsAndDescriptions() throws SQLException {
        int v = curation.addSynonym("alice", COUCH, 0, "divan", "en");
        v = curation.setTranslation("alice", COUCH, v, "zh", "长沙发");
        v = curation.setDescription("alice", COUCH, v, " upholstered seat for several people ");
        v = curation.removeSynonym("alice", COUCH, v, "divan", "en");
        assertThat(v).isEqualTo(4);
        assertThat(tags.names(COUCH)).containsExactly(new TagName("couch", "en", NameSource.PRIMARY),
                new TagName("长沙发", "zh", NameSource.MANUAL));
        assertThat(tags.find(COUCH).orElseThrow().description()).isEqualTo("upholstered seat for several people");
        // undo the newest first; an older change cannot be undone over a newer one
        List<Long> audits = audits();
        assertThatThrownBy(() -> curation.undo("alice", audits.get(1))).isInstanceOf(ConcurrentEditException.class)
                .hasMessageContaining("undo the later changes first");
        curation.undo("alice", audits.get(3));
        curation.undo("alice", audits.get(2));
        curation.undo("alice", audits.get(1));
        assertThat(tags.names(COUCH)).contains(new TagName("沙发", "zh", NameSource.IMPORT), new TagName("divan", "en",
                NameSource.MANUAL));
        assertThat(tags.find(COUCH).orElseThrow().description()).isNull();
    }

    @Test
    void mergeMovesAssignmentsWithoutDuplicatesAndUndoPutsThemBack() throws SQLException {
        String assignmentsBefore = assignments();
        assertThat(curation.merge("alice", SOFA, 0, COUCH, 0)).isEqualTo(1);
        assertThat(query("SELECT string_agg(image_id || ':' || tag_id, ',' ORDER BY id) FROM tag_assignment"))
                .isEqualTo("1:1,2:1,3:1,3:1");
        assertThat(query("SELECT count(*) FROM flag_evidence")).isEqualTo("1");
        Tag sofa = tags.find(SOFA).orElseThrow();
        assertThat(sofa.deprecated()).isTrue();
        assertThat(sofa.mergedInto()).isEqualTo(COUCH);
        assertThat(tags.names(COUCH)).extracting(TagName::form).contains("couch", "sofa", "settee", "davenport", "沙发");
        assertThat(tags.names(COUCH)).contains(new TagName("sofa", "en", NameSource.MANUAL));
        assertThat(query("SELECT after->>'moved' || '/' || (after->>'dropped') FROM audit_log")).isEqualTo("2/1");
        assertThatThrownBy(() -> curation.merge("alice", SOFA, 1, DOG, 0)).hasMessageContaining("deprecated and merged into tag 1");

        curation.undo("alice", lastAudit());
        assertThat(assignments()).isEqualTo(assignmentsBefore);
        assertThat(tags.find(SOFA).orElseThrow().deprecated()).isFalse();
        assertThat(tags.names(SOFA)).extracting(TagName::form).containsExactlyInAnyOrder("sofa", "settee", "davenport");
        assertThat(tags.names(COUCH)).extracting(TagName::form).containsExactlyInAnyOrder("couch", "沙发");
    }

    /** A's decided pair moves with its rows where B has no pair on the image; where B has one, A's stays put. */
    @Test
    void mergeMovesThePairsBHasNotAndUndoMovesThemBack() throws SQLException {
        sql("""
                INSERT INTO tag_pair (dataset_id, image_id, tag_id, state, flag_rule) VALUES
                    (1, 3, 2, 3, 2), (1, 1, 2, 2, 0), (1, 1, 1, 1, 0);""");
        String pairs = "SELECT string_agg(image_id || ':' || tag_id || ':' || state, ',' ORDER BY id) FROM tag_pair";
        curation.merge("alice", SOFA, 0, COUCH, 0);
        assertThat(query(pairs)).isEqualTo("3:1:3,1:2:2,1:1:1");
        curation.undo("alice", lastAudit());
        assertThat(query(pairs)).isEqualTo("3:2:3,1:2:2,1:1:1");
    }

    @Test
    void mergeDropsAReviewedDuplicateAndUndoRestoresItsReview() throws SQLException {
        sql("""
                INSERT INTO app_user (username, password_hash) VALUES ('rev', 'x');
                INSERT INTO review (assignment_id, user_id, decision, previous_state) VALUES (2, 1, 2, 0);
                UPDATE tag_assignment SET state = 2 WHERE id = 2;""");
        curation.merge("alice", SOFA, 0, COUCH, 0);
        assertThat(query("SELECT count(*) FROM review")).isEqualTo("0");
        curation.undo("alice", lastAudit());
        assertThat(query("SELECT assignment_id || ':' || decision FROM review")).isEqualTo("2:2");
        assertThat(query("SELECT state FROM tag_assignment WHERE id = 2")).isEqualTo("2");
    }

    @Test
    void splitTakesFormsAlongAndUndoRemovesTheNewTag() throws SQLException {
        int settee = curation.split("alice", SOFA, 0, "settee", TagKind.OBJECT_SCENE, List.of("settee"));
        assertThat(tags.find(settee).orElseThrow().threshold()).isEqualTo(0.6f);
        assertThat(tags.names(settee)).extracting(TagName::form).containsExactly("settee");
        assertThat(tags.names(SOFA)).extracting(TagName::form).containsExactlyInAnyOrder("sofa", "davenport");
        assertThatThrownBy(() -> curation.split("alice", SOFA, 1, "x", TagKind.OBJECT_SCENE, List.of("nope")))
                .hasMessageContaining("no English synonym \"nope\"");
        curation.undo("alice", lastAudit());
        assertThat(tags.find(settee)).isEmpty();
        assertThat(tags.names(SOFA)).extracting(TagName::form).containsExactlyInAnyOrder("sofa", "settee", "davenport");
    }

    @Test
    void proposalsAreAcceptedOnceRejectedAndUndone() throws SQLException {
        sql("""
                INSERT INTO synonym_proposal (target_tag, form, evidence, confidence) VALUES (1, 'lounge', '{}', 0.4);
                INSERT INTO synonym_proposal (target_tag, source_tag, evidence, confidence) VALUES (1, 2, '{}', 0.9);""");
        assertThat(curation.openProposals(10)).extracting(SynonymProposal::id).containsExactly(2, 1);
        curation.acceptProposal("alice", 1);
        assertThat(tags.names(COUCH)).contains(new TagName("lounge", "en", NameSource.WORDNET));
        assertThatThrownBy(() -> curation.acceptProposal("bob", 1)).isInstanceOf(ConcurrentEditException.class)
                .hasMessage("proposal 1 was already accepted by alice");
        curation.acceptProposal("alice", 2);
        assertThat(tags.find(SOFA).orElseThrow().mergedInto()).isEqualTo(COUCH);
        curation.undo("alice", lastAudit());
        assertThat(tags.find(SOFA).orElseThrow().mergedInto()).isNull();
        assertThat(query("SELECT state FROM synonym_proposal WHERE id = 2")).isEqualTo("PROPOSED");
        curation.rejectProposal("bob", 2);
        assertThat(query("SELECT state || ' ' || decided_by FROM synonym_proposal WHERE id = 2")).isEqualTo("REJECTED bob");
    }

    @Test
    void releasesKeepTheParentsTrainingIds() throws SQLException {
        Releases releases = context.getBean(Releases.class);
        curation.createRelease("alice", "v1", null, "first");
        assertThat(releases.entries("v1")).extracting(ReleaseEntry::name).containsExactly("couch", "sofa", "dog");
        assertThat(releases.entries("v1").get(0).nameZh()).isEqualTo("沙发");
        int couch = curation.merge("alice", SOFA, 0, COUCH, 0);
        curation.setThreshold("alice", COUCH, couch, 0.75f);
        sql("INSERT INTO tag (name) VALUES ('cat')");
        curation.createRelease("alice", "v2", "v1", null);
        assertThat(releases.entries("v2")).extracting(ReleaseEntry::name).containsExactly("couch", "dog", "cat");

        ReleaseDiff diff = ReleaseDiff.between(ds, "v1", "v2");
        assertThat(diff.changes()).extracting(ReleaseDiff.Change::describe).containsExactly(
                "~ couch: threshold 0.7 → 0.75",
                "> sofa (tag 2) merged into couch (tag 1, index 0)",
                "~ dog: index 2 → 1",
                "+ cat (tag 4) at index 2");
        assertThat(diff.summary()).isEqualTo("v1 (3 tags) → v2 (3 tags): 1 added, 0 removed, 1 merged, 1 moved, "
                + "0 renamed, 0 translated, 1 threshold");
        assertThat(releases.find("v2").orElseThrow().parentId()).isEqualTo(releases.find("v1").orElseThrow().id());
        assertThatThrownBy(() -> curation.createRelease("alice", "v2", null, null)).hasMessageContaining("already exists");
        assertThatThrownBy(() -> curation.createRelease("alice", "bad name", null, null)).isInstanceOf(CurationException.class);
        curation.undo("alice", lastAudit());
        assertThat(releases.find("v2")).isEmpty();
    }

    private String assignments() throws SQLException {
        return query("SELECT string_agg(id || ':' || image_id || ':' || tag_id || ':' || state, ',' ORDER BY id) "
                + "FROM tag_assignment") + " " + query("SELECT string_agg(assignment_id::text, ',') FROM flag_evidence");
    }

    private long lastAudit() throws SQLException {
        return Long.parseLong(query("SELECT max(id) FROM audit_log WHERE action <> 'undo'"));
    }

    private List<Long> audits() throws SQLException {
        String ids = query("SELECT string_agg(id::text, ',' ORDER BY id) FROM audit_log");
        return Arrays.stream(ids.split(",")).map(Long::parseLong).toList();
    }

    private void sql(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private String query(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
