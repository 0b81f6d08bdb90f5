package io.tagforge.engine.cleaning;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagforge.labelsystem.database.TestDatabase;
import io.tagforge.engine.testing.CocoMiniFixture;
import io.tagforge.engine.job.JobListener;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.job.JobState;
import io.tagforge.engine.model.ModelDevice;
import io.tagforge.engine.model.TestModels;
import io.tagforge.labelsystem.context.LabelSystemContext;
import io.tagforge.labelsystem.curation.Curation;
import io.tagforge.labelsystem.ramformat.RamTagListExport;
import io.tagforge.labelsystem.release.Releases;
import io.tagforge.labelsystem.tag.TagKind;
import io.tagforge.labelsystem.transaction.Transactions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cleaning's default scope on COCO-MINI (RAM's tags, captions parsed): only tags a detector can box, as the RAM
 * paper cleaned object categories; never an attribute or an action, however often captions name it.
 */
class CleaningScopeTest {

    private static final DataSource DB = TestDatabase.dataSource();
    private static JobRecord job;

    @BeforeAll
    static void cleanCocoMini(@TempDir Path work) throws Exception {
        TestDatabase.get().truncateAll();
        CocoMiniFixture.parsed(DB, work, "coco-mini", "ram-4585");
        // a tag list with kinds (Tag2Text) says what a tag is, whatever WordNet would propose
        exec("UPDATE tag SET kind = " + TagKind.ATTRIBUTE.code() + " WHERE name = 'kitchen'");
        exec("UPDATE tag SET kind = " + TagKind.ACTION.code() + " WHERE name = 'table'");
        job = CleaningJob.run(Transactions.over(DB), new CleaningRequest("coco-mini", TestModels.folder("grounding-dino"),
                TestModels.folder("embedder"), List.of(), 3, 0.1, 4, 42, null, null, 16, false, ModelDevice.CPU), "test",
                JobListener.NONE);
    }

    @Test
    void defaultScopeTouchesNoAttributeOrActionTag() throws SQLException {
        assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
        List<String> frequent = strings("SELECT t.name FROM tag_assignment a JOIN tag t ON t.id = a.tag_id "
                + "GROUP BY t.name HAVING count(DISTINCT a.image_id) >= 3");
        List<String> cleaned = strings("SELECT t.name FROM job j, jsonb_array_elements_text(j.checkpoint->'categories') c "
                + "JOIN tag t ON t.id = c::int WHERE j.id = " + job.id());
        assertThat(frequent).contains("white", "sit", "stand", "table", "kitchen", "man", "dog", "pizza");
        assertThat(cleaned).contains("man", "dog", "pizza").doesNotContain("white", "sit", "stand", "table", "kitchen");
        assertThat(job.counts().path("categories").asLong()).isEqualTo(cleaned.size());
        assertThat(job.counts().path("categories_not_detectable").asLong()).isEqualTo(frequent.size() - cleaned.size());
        // what cleaning wrote: flags and detector regions, none on a tag that is not a detectable object
        String notObject = " JOIN tag t ON t.id = x.tag_id WHERE (t.kind <> " + TagKind.OBJECT_SCENE.code()
                + " OR t.detectable IS NOT TRUE)";
        String flagged = "SELECT count(*) FROM flag_evidence e JOIN tag_assignment x ON x.id = e.assignment_id";
        assertThat(count(flagged + notObject + " AND e.job_id = " + job.id())).isZero();
        assertThat(count(flagged + " WHERE e.job_id = " + job.id())).isPositive();
        assertThat(count("SELECT count(*) FROM region x" + notObject)).isZero();
        assertThat(count("SELECT count(*) FROM region WHERE source LIKE 'detector:%'")).isPositive();
        // the proposals cleaning went by are stored for curators
        assertThat(strings("SELECT name || '=' || detectable FROM tag WHERE name IN ('white', 'sit', 'dog', 'pizza') "
                + "AND kind = 0 ORDER BY name")).containsExactly("dog=true", "pizza=true", "sit=false", "white=false");
    }

    @Test
    void aReleaseFreezesWhatCuratorsDecidedAndExportsIt() throws SQLException {
        int sky = (int) count("SELECT id FROM tag WHERE name = 'sky' AND kind = 0");
        int version = (int) count("SELECT version FROM tag WHERE id = " + sky);
        List<String> names;
        try (ConfigurableApplicationContext spring = LabelSystemContext.start(DB)) {
            Curation curation = spring.getBean(Curation.class);
            curation.setDetectable("curator", sky, version, true);
            curation.createRelease("curator", "scoped", null, "after cleaning");
            names = spring.getBean(Releases.class).entries("scoped").stream().map(e -> e.name()).toList();
        }
        Map<String, byte[]> files = new RamTagListExport(DB).files("scoped");
        assertThat(files).containsKey(RamTagListExport.DETECTABLE_FILE);
        List<String> lines = new String(files.get(RamTagListExport.DETECTABLE_FILE), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSameSizeAs(names);
        assertThat(lines.get(names.indexOf("sky"))).isEqualTo("1");
        assertThat(lines.get(names.indexOf("white"))).isEqualTo("0");
        assertThat(lines.get(names.indexOf("dog"))).isEqualTo("1");
        // RAM's imported release froze no decision: its export stays RAM's three files
        assertThat(new RamTagListExport(DB).files("ram-4585")).doesNotContainKey(RamTagListExport.DETECTABLE_FILE);
    }

    private static void exec(String sql) throws SQLException {
        try (Connection c = DB.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = DB.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> strings(String sql) throws SQLException {
        try (Connection c = DB.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> result = new ArrayList<>();
            while (rs.next()) {
                result.add(rs.getString(1));
            }
            return result;
        }
    }
}
