package io.tagforge.spark.parse;

import static io.tagforge.spark.StageTests.DB;
import static io.tagforge.spark.StageTests.execute;
import static io.tagforge.spark.StageTests.strings;
import static org.assertj.core.api.Assertions.assertThat;

import io.tagforge.engine.ingest.IngestFormat;
import io.tagforge.engine.ingest.IngestRequest;
import io.tagforge.engine.ingest.Ingester;
import io.tagforge.engine.job.JobListener;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.parse.ParseDatasetJob;
import io.tagforge.labelsystem.database.TestDatabase;
import io.tagforge.labelsystem.ramformat.TagListImport;
import io.tagforge.labelsystem.transaction.Transactions;
import io.tagforge.labelsystem.vocabulary.DatabaseVocabulary;
import io.tagforge.labelsystem.vocabulary.LookupOptions;
import io.tagforge.labelsystem.wordnet.WordNet;
import io.tagforge.spark.database.DatabaseAddress;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Set;

/**
 * What Spark runs of the parse stage are compared with: COCO-MINI val2017 (396 captions, one of them generated)
 * parsed by the local parse job into the test database, its assignments and observations as sets of strings.
 */
record LocalParse(JobRecord job, Set<String> assignments, Set<String> observations) {

    static final Path SHARED = Path.of("").toAbsolutePath().getParent().getParent().resolveSibling("shared");
    static final String DATASET = "coco-mini-val";
    static final int CAPTIONS = 396;
    static final DatabaseAddress ADDRESS = new DatabaseAddress(TestDatabase.get().url(), "postgres", "");
    static final String ASSIGNMENTS = "SELECT image_id || ' ' || tag_id || ' ' || caption_id || ' ' || source "
            + "|| ' ' || state FROM tag_assignment";
    static final String OBSERVATIONS = "SELECT surface || ' ' || tag_id || ' ' || rule || ' ' || mentions "
            + "FROM surface_observation";

    /** A fresh test database with the dataset ingested and parsed by {@link ParseDatasetJob}. */
    static LocalParse run() throws Exception {
        TestDatabase.get().truncateAll();
        new TagListImport(Transactions.over(DB), "test").importRam(SHARED.resolve("ram"), "ram");
        new Ingester(Transactions.over(DB)).ingest(new IngestRequest(IngestFormat.COCO,
                SHARED.resolve("datasets/coco-mini/annotations/captions_val2017.json"), DATASET,
                SHARED.resolve("datasets/coco-mini/val2017"), false, null), JobListener.NONE);
        execute("INSERT INTO caption (image_id, origin, model, text) SELECT min(id), 1, 'test-captioner', "
                + "'A dog sitting on a sofa with no people around.' FROM image");
        JobRecord job = parse();
        LocalParse local = new LocalParse(job, strings(ASSIGNMENTS), strings(OBSERVATIONS));
        assertThat(local.assignments()).hasSizeGreaterThan(1000);
        assertThat(strings("SELECT DISTINCT source::text FROM tag_assignment")).containsExactlyInAnyOrder("0", "1");
        return local;
    }

    /** Runs (or resumes) the dataset's parse job as ./tagforge parse --dataset does. */
    static JobRecord parse() throws Exception {
        try (WordNet wordNet = WordNet.open()) {
            return new ParseDatasetJob(DATASET, DatabaseVocabulary.load(DB, wordNet, LookupOptions.defaults()), 2, 100)
                    .run(Transactions.over(DB), "test", JobListener.NONE);
        }
    }

    /** Takes the parse's rows out again, and every job but the local one, for a Spark run to write them. */
    void unparse() throws SQLException {
        execute("DELETE FROM tag_assignment");
        execute("DELETE FROM surface_observation");
        execute("DELETE FROM job WHERE id <> " + job.id());
    }
}
