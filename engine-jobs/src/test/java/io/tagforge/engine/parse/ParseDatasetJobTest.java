package io.tagforge.engine.parse;

import io.tagforge.engine.testing.TestCli;
import io.tagforge.labelsystem.transaction.Transactions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagforge.labelsystem.database.TestDatabase;
import io.tagforge.engine.cli.TagforgeCli;
import io.tagforge.engine.ingest.IngestFormat;
import io.tagforge.engine.ingest.IngestRequest;
import io.tagforge.engine.ingest.Ingester;
import io.tagforge.engine.job.JobListener;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.job.JobState;
import io.tagforge.labelsystem.error.TagforgeException;
import io.tagforge.labelsystem.ramformat.TagListImport;
import io.tagforge.labelsystem.shareddata.SharedData;
import io.tagforge.labelsystem.vocabulary.DatabaseVocabulary;
import io.tagforge.labelsystem.vocabulary.LookupOptions;
import io.tagforge.labelsystem.vocabulary.Vocabulary;
import io.tagforge.labelsystem.wordnet.WordNet;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

/** {@code ./tagforge parse --dataset}: COCO-MINI val2017 captions plus one generated caption, parsed into the DB. */
class ParseDatasetJobTest {

    private static final Path SHARED = SharedData.dir();
    private static final DataSource DB = TestDatabase.dataSource();
    private static Vocabulary vocabulary;

    @BeforeAll
    static void datasetAndTags() throws Exception {
        TestDatabase.get().truncateAll();
        new TagListImport(Transactions.over(DB), "test").importRam(SHARED.resolve("ram"), "ram");
        new Ingester(Transactions.over(DB)).ingest(new IngestRequest(IngestFormat.COCO,
                SHARED.resolve("datasets/coco-mini/annotations/captions_val2017.json"), "coco-mini-val",
                SHARED.resolve("datasets/coco-mini/val2017"), false, null), JobListener.NONE);
        execute("INSERT INTO caption (image_id, origin, model, text) SELECT min(id), 1, 'test-captioner', "
                + "'A dog sitting on a sofa with no people around.' FROM image");
        try (WordNet wordNet = WordNet.open()) {
            vocabulary = DatabaseVocabulary.load(DB, wordNet, LookupOptions.defaults());
        }
    }

    @Test
    void storesEachCaptionsTagsByOriginAndResumesAfterACrash() throws Exception {
        execute("DELETE FROM tag_assignment");
        ParseDatasetJob job = new ParseDatasetJob("coco-mini-val", vocabulary, 2, 100);
        JobListener crashAfterFirstBatch = new JobListener() {
            @Override
            public void progressed(long progress, Long total) {
                throw new IllegalStateException("killed after " + progress);
            }
        };
        assertThatThrownBy(() -> job.run(Transactions.over(DB), "test", crashAfterFirstBatch)).hasMessage("killed after 100");
        long afterCrash = count("SELECT count(DISTINCT caption_id) FROM tag_assignment");
        assertThat(afterCrash).isBetween(90L, 100L);

        JobRecord done = job.run(Transactions.over(DB), "test", JobListener.NONE);
        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(done.counts().path("captions").asLong()).isEqualTo(396);
        assertThat(count("SELECT count(*) FROM job WHERE kind = 'parse' AND params ->> 'dataset' = 'coco-mini-val'")).isEqualTo(1);

        // every original caption's tags under source 0 with its caption, the generated one's under source 1
        assertThat(count("SELECT count(*) FROM tag_assignment a JOIN caption c ON c.id = a.caption_id "
                + "WHERE a.source <> c.origin OR a.image_id <> c.image_id")).isZero();
        assertThat(count("SELECT count(*) FROM tag_assignment a JOIN dataset d ON d.id = a.dataset_id "
                + "WHERE d.name <> 'coco-mini-val'")).isZero();
        assertThat(strings("SELECT t.name FROM tag_assignment a JOIN tag t ON t.id = a.tag_id WHERE a.source = 1 "
                + "ORDER BY t.name")).containsExactly("couch", "dog", "sit");
        assertThat(count("SELECT count(DISTINCT caption_id) FROM tag_assignment WHERE source = 0")).isGreaterThan(380);
        assertThat(strings("SELECT DISTINCT t.name FROM tag_assignment a JOIN tag t ON t.id = a.tag_id "
                + "JOIN caption c ON c.id = a.caption_id WHERE c.text = 'A plane floating on top of a lake surrounded by mountains.'"))
                .contains("plane", "lake", "mountain").doesNotContain("top");

        long rows = count("SELECT count(*) FROM tag_assignment");
        new ParseDatasetJob("coco-mini-val", vocabulary, 1, 1000).run(Transactions.over(DB), "test", JobListener.NONE);
        assertThat(count("SELECT count(*) FROM tag_assignment")).isEqualTo(rows);
    }

    @Test
    void anUnknownDatasetIsAUserError() {
        assertThatThrownBy(() -> new ParseDatasetJob("nope", vocabulary, 1, 10).run(Transactions.over(DB), "test", JobListener.NONE))
                .isInstanceOf(TagforgeException.class).hasMessageContaining("no dataset named \"nope\"");
    }

    @Test
    void theCommandNamesAnUnknownDatasetAndRefusesFileOptions() {
        StringWriter err = new StringWriter();
        try (ConfigurableApplicationContext context = TestCli.context()) {
            CommandLine cli = TagforgeCli.commandLine(context);
            cli.setErr(new PrintWriter(err, true));
            assertThat(cli.execute("parse", "--dataset", "nope", "--threads", "1")).isEqualTo(2);
            assertThat(cli.execute("parse", "--dataset", "coco-mini-val", "--out", "x.jsonl")).isEqualTo(2);
        }
        assertThat(err.toString()).contains("error: dataset: no dataset named \"nope\"")
                .contains("error: --dataset reads the database");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = DB.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = DB.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = DB.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
