package io.tagforge.engine.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagforge.labelsystem.database.TestDatabase;
import io.tagforge.engine.ingest.IngestFormat;
import io.tagforge.engine.ingest.IngestRequest;
import io.tagforge.engine.ingest.Ingester;
import io.tagforge.engine.job.JobListener;
import io.tagforge.labelsystem.assignment.AssignmentState;
import io.tagforge.labelsystem.context.LabelSystemContext;
import io.tagforge.labelsystem.curation.Curation;
import io.tagforge.labelsystem.mapping.ObservedMapping;
import io.tagforge.labelsystem.mapping.SurfaceMappings;
import io.tagforge.labelsystem.ramformat.TagListImport;
import io.tagforge.labelsystem.transaction.Transactions;
import io.tagforge.labelsystem.shareddata.SharedData;
import io.tagforge.labelsystem.vocabulary.DatabaseVocabulary;
import io.tagforge.labelsystem.vocabulary.LookupOptions;
import io.tagforge.labelsystem.wordnet.WordNet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.junit.jupiter.api.io.TempDir;

/**
 * A curated block reaches {@code parse --dataset}: the next parse no longer emits the mapping and drops the rows
 * earlier parses made through it (not those of a pair a person accepted); undo brings it back.
 */
class SurfaceMappingParseTest {

    private static final Path SHARED = SharedData.dir();
    private static final DataSource DB = TestDatabase.dataSource();
    private static final String DATASET = "mapping-captions";

    @BeforeAll
    static void datasetAndTags(@TempDir Path dir) throws Exception {
        TestDatabase.get().truncateAll();
        new TagListImport(Transactions.over(DB), "test").importRam(SHARED.resolve("ram"), "ram");
        Path captions = dir.resolve("captions.tsv");
        Files.writeString(captions, """
                a.jpg\tA dog sleeping on a sofa next to a window.
                b.jpg\tTwo cats on a brown sofa.
                c.jpg\tA man riding a bike down the street.
                d.jpg\tA group of people is standing outside of a tram.
                """);
        new Ingester(Transactions.over(DB)).ingest(new IngestRequest(IngestFormat.TSV, captions, DATASET, null, false, null),
                JobListener.NONE);
    }

    @Test
    void aBlockedMappingIsNotEmittedAndUndoBringsItBack() throws Exception {
        parse();
        assertThat(observed()).contains("sofa → couch WORDNET_SYNONYM 2", "bike → bicycle SYNONYM 1");
        assertThat(parsedTags()).contains("couch", "bicycle");
        ObservedMapping sofa = SurfaceMappings.observed(DB, DATASET, "sofa", 0, 0, 10).get(0);
        assertThat(sofa.examples()).containsExactlyInAnyOrder("A dog sleeping on a sofa next to a window.",
                "Two cats on a brown sofa.");

        try (ConfigurableApplicationContext spring = LabelSystemContext.start(DB)) {
            Curation curation = spring.getBean(Curation.class);
            long block = curation.blockMapping("curator", "Sofa", "couch", "a sofa is no couch in this test");
            assertThat(SurfaceMappings.observed(DB, DATASET, "sofa", 0, 0, 10)).singleElement()
                    .matches(ObservedMapping::blocked);
            parse();
            assertThat(observed()).noneMatch(o -> o.startsWith("sofa → couch")).contains("bike → bicycle SYNONYM 1");
            assertThat(parsedTags()).doesNotContain("couch").contains("dog", "cat", "bicycle");

            curation.undo("curator", block);
            parse();
            assertThat(observed()).contains("sofa → couch WORDNET_SYNONYM 2");
            assertThat(parsedTags()).contains("couch");

            // a person accepted the bicycle pair (its rows carry the decision): a block leaves that row alone
            try (Connection c = DB.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE tag_assignment SET state = " + AssignmentState.ACCEPTED.code()
                        + " WHERE tag_id = (SELECT id FROM tag WHERE name = 'bicycle')");
            }
            curation.blockMapping("curator", "bike", "bicycle", "test");
            curation.blockMapping("curator", "sofa", "couch", "test");
            parse();
            assertThat(parsedTags()).contains("bicycle", "dog", "cat").doesNotContain("couch");
        }
    }

    /**
     * WordNet reads "tram" first as an aerial tramway, which reaches no tag (its streetcar sense is third and never
     * seen in running text); pinned to the streetcar sense it is a trolley, RAM's streetcar; undo takes it back
     */
    @Test
    void aPinnedSenseChangesTheParseAndUndoRestoresIt() throws Exception {
        parse();
        assertThat(observed()).noneMatch(o -> o.startsWith("tram → "));
        try (ConfigurableApplicationContext spring = LabelSystemContext.start(DB)) {
            Curation curation = spring.getBean(Curation.class);
            long pin = curation.pinSense("curator", "tram", "tram%1:06:01::", "the streetcar");
            parse();
            assertThat(observed()).contains("tram → trolley WORDNET_SYNONYM 1");
            assertThat(parsedTags()).contains("trolley");
            assertThat(SurfaceMappings.observed(DB, DATASET, "tram", 0, 0, 10)).singleElement()
                    .extracting(ObservedMapping::pinnedSense).isEqualTo("tram%1:06:01::");

            curation.undo("curator", pin);
            parse();
            assertThat(observed()).noneMatch(o -> o.startsWith("tram → "));
            assertThat(parsedTags()).doesNotContain("trolley");
        }
    }

    /** the dataset parsed again with the database's vocabulary as it is now */
    private static void parse() throws Exception {
        try (WordNet wordNet = WordNet.open()) {
            new ParseDatasetJob(DATASET, DatabaseVocabulary.load(DB, wordNet, LookupOptions.defaults()), 1, 100)
                    .run(Transactions.over(DB), "test", JobListener.NONE);
        }
    }

    private static List<String> observed() {
        return SurfaceMappings.observed(DB, DATASET, "", 0, 0, 100).stream()
                .map(o -> o.surface() + " → " + o.tagName() + " " + o.rule() + " " + o.mentions()).toList();
    }

    private static List<String> parsedTags() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = DB.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT t.name FROM tag_assignment a JOIN tag t ON t.id = a.tag_id")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
