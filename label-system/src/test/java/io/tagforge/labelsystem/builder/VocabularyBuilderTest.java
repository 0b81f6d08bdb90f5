package io.tagforge.labelsystem.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagforge.labelsystem.database.TestDatabase;
import io.tagforge.labelsystem.mapping.MappingAction;
import io.tagforge.labelsystem.mapping.SurfaceMapping;
import io.tagforge.labelsystem.ramformat.TagListException;
import io.tagforge.labelsystem.tag.TagKind;
import io.tagforge.labelsystem.transaction.Transactions;
import io.tagforge.labelsystem.wordnet.SharedWordNet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabularyBuilderTest {

    @TempDir
    Path dir;

    private Path parsed(String... lines) throws IOException {
        Path file = dir.resolve("parsed.jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private static String record(int image, String... lemmas) {
        return "{\"image_id\":" + image + ",\"caption\":\"x\",\"tags\":[],\"tag_ids\":[],\"mentions\":["
                + java.util.Arrays.stream(lemmas).map(l -> {
                    boolean negated = l.startsWith("!");
                    String lemma = negated ? l.substring(1) : l;
                    return "{\"surface\":\"" + lemma + "\",\"lemma\":\"" + lemma + "\",\"kind\":\"OBJECT_SCENE\","
                            + "\"start\":0,\"end\":1,\"negated\":" + negated + ",\"tag_id\":null,\"tag\":null,\"rule\":null}";
                }).collect(Collectors.joining(",")) + "]}";
    }

    @Test
    void countsMentionsAndImagesButNotNegations() throws IOException {
        List<Candidate> counts = CandidateCounts.fromParsedJsonl(parsed(
                record(1, "sofa", "sofa", "dog"), record(2, "sofa", "!dog"), "", record(3, "cat")));
        assertThat(counts).containsExactly(
                new Candidate("sofa", TagKind.OBJECT_SCENE, 3, 2, false),
                new Candidate("cat", TagKind.OBJECT_SCENE, 1, 1, false),
                new Candidate("dog", TagKind.OBJECT_SCENE, 1, 1, false));
    }

    @Test
    void badLinesNameTheirLine() throws IOException {
        Path broken = parsed(record(1, "dog"), "{not json");
        assertThatThrownBy(() -> CandidateCounts.fromParsedJsonl(broken)).isInstanceOf(TagListException.class)
                .hasMessageStartingWith(broken + " line 2: not JSON");
        Path noMentions = parsed("{\"image_id\":1}");
        assertThatThrownBy(() -> CandidateCounts.fromParsedJsonl(noMentions))
                .hasMessage(noMentions + " line 1: no \"mentions\" array");
    }

    @Test
    void firstSensesMergePolysemousAndLaterSensesArePropositions() throws IOException {
        List<Candidate> counts = CandidateCounts.fromParsedJsonl(parsed(
                record(1, "couch", "couch", "sofa", "car", "car", "automobile", "xyzzy", "rare"),
                record(2, "sidewalk", "pavement", "pavement")));
        BuildPlan plan = new VocabularyBuilder(SharedWordNet.get(), 4, List.of()).plan(counts, List.of("Dog", "couch"), 7);
        Map<String, BuildPlan.ProposedTag> tags = plan.tags().stream()
                .collect(Collectors.toMap(BuildPlan.ProposedTag::name, Function.identity()));
        // the top 7 of 8 candidates by count then name (xyzzy is out), then the listed names
        assertThat(tags.keySet()).containsExactlyInAnyOrder("couch", "car", "pavement", "automobile", "rare",
                "sidewalk", "dog");
        assertThat(tags.get("couch").names()).containsExactly("couch", "sofa");
        assertThat(tags.get("couch").listed()).isTrue();
        assertThat(tags.get("couch").mentions()).isEqualTo(3);
        assertThat(tags.get("couch").evidence()).contains("\"synset\":\"n04263630\"");
        assertThat(tags.get("dog").mentions()).isZero();
        // car has 5 senses: automobile → car is only proposed; sidewalk is pavement's third sense
        assertThat(plan.links()).extracting(BuildPlan.WeakLink::from, BuildPlan.WeakLink::to).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("automobile", "car"),
                org.assertj.core.groups.Tuple.tuple("sidewalk", "pavement"));
        BuildPlan.WeakLink sidewalk = plan.links().stream().filter(l -> l.from().equals("sidewalk")).findFirst().orElseThrow();
        assertThat(sidewalk.evidence()).contains("not the first sense of pavement (sense 3)");
        assertThat(sidewalk.confidence()).isEqualTo(1f / 3);
    }

    /** a curated block keeps two names apart that WordNet would merge or propose */
    @Test
    void aCuratedBlockLinksTwoNamesNeitherWay() throws IOException {
        List<Candidate> counts = CandidateCounts.fromParsedJsonl(parsed(
                record(1, "couch", "couch", "sofa", "car", "automobile")));
        List<SurfaceMapping> blocks = List.of(
                new SurfaceMapping(1, "sofa", MappingAction.BLOCK, "couch", null, "test", "curator"),
                new SurfaceMapping(2, "automobile", MappingAction.BLOCK, null, null, "test", "curator"));
        BuildPlan plan = new VocabularyBuilder(SharedWordNet.get(), 4, blocks).plan(counts, List.of(), 100);
        assertThat(plan.tags()).extracting(BuildPlan.ProposedTag::name)
                .containsExactlyInAnyOrder("couch", "sofa", "car", "automobile");
        assertThat(plan.links()).isEmpty();
    }

    /** "tram" shares a synset with streetcar only in its third sense; pinned to that sense it is streetcar's name */
    @Test
    void aPinnedNameHasItsPinnedSenseAlone() throws IOException {
        List<Candidate> counts = CandidateCounts.fromParsedJsonl(parsed(record(1, "streetcar", "tram", "tram")));
        BuildPlan open = new VocabularyBuilder(SharedWordNet.get(), 4, List.of()).plan(counts, List.of(), 100);
        assertThat(open.tags()).extracting(BuildPlan.ProposedTag::name).containsExactlyInAnyOrder("tram", "streetcar");
        assertThat(open.links()).extracting(BuildPlan.WeakLink::to).containsExactly("tram");

        List<SurfaceMapping> pin = List.of(
                new SurfaceMapping(1, "tram", MappingAction.PIN, null, "tram%1:06:01::", "test", "curator"));
        BuildPlan pinned = new VocabularyBuilder(SharedWordNet.get(), 4, pin).plan(counts, List.of(), 100);
        assertThat(pinned.tags()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("tram");
            assertThat(t.names()).containsExactlyInAnyOrder("tram", "streetcar");
        });
        assertThat(pinned.links()).isEmpty();
    }

    @Test
    void applyingCreatesTagsNamesAndProposalsOnce() throws IOException, SQLException {
        TestDatabase.get().truncateAll();
        DataSource ds = TestDatabase.dataSource();
        sql(ds, "INSERT INTO tag (name) VALUES ('couch'); INSERT INTO tag_name (tag_id, form, source) VALUES (1, 'couch', 0)");
        List<Candidate> counts = CandidateCounts.fromParsedJsonl(parsed(
                record(1, "couch", "sofa", "car", "car", "automobile")));
        BuildPlan plan = new VocabularyBuilder(SharedWordNet.get(), 4, List.of()).plan(counts, List.of(), 100);
        BuildWriter.Result first = new BuildWriter(Transactions.over(ds), "builder").apply(plan);
        // car and automobile are new tags with their primary names; sofa joins couch
        assertThat(first).isEqualTo(new BuildWriter.Result(2, 1, 1, 1));
        assertThat(query(ds, "SELECT string_agg(form, ',' ORDER BY form) FROM tag_name WHERE tag_id = 1")).isEqualTo("couch,sofa");
        assertThat(query(ds, "SELECT t.name || '→' || s.name FROM synonym_proposal p JOIN tag t ON t.id = p.target_tag "
                + "JOIN tag s ON s.id = p.source_tag")).isEqualTo("car→automobile");
        BuildWriter.Result again = new BuildWriter(Transactions.over(ds), "builder").apply(plan);
        assertThat(again).isEqualTo(new BuildWriter.Result(0, 3, 0, 0));
    }

    private static void sql(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String query(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
