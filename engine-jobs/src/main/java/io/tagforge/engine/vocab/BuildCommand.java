package io.tagforge.engine.vocab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagforge.engine.app.SharedFolder;
import io.tagforge.labelsystem.builder.BuildPlan;
import io.tagforge.labelsystem.builder.BuildWriter;
import io.tagforge.labelsystem.builder.Candidate;
import io.tagforge.labelsystem.builder.CandidateCounts;
import io.tagforge.labelsystem.builder.VocabularyBuilder;
import io.tagforge.labelsystem.error.TagforgeException;
import io.tagforge.labelsystem.ramformat.TextLines;
import io.tagforge.labelsystem.mapping.SurfaceMappings;
import io.tagforge.labelsystem.transaction.Transactions;
import io.tagforge.labelsystem.shareddata.SharedData;
import io.tagforge.labelsystem.wordnet.WordNet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Builds a tag vocabulary as RAM did: counts the parsed candidate tags (the JSON lines of "
                + "./tagforge parse, out-of-vocabulary words included, or a dataset's parsed assignments), keeps the "
                + "top K, adds the names of external lists, and groups synonyms with WordNet. Names become one tag "
                + "only when a synset is the first sense of both and neither has more than --max-senses senses; "
                + "other shared senses become synonym proposals for a curator, with their evidence.",
                "Prints a summary; --out writes the plan as TSV; --apply writes it to the database."})
public class BuildCommand implements Callable<Integer> {

    private final DataSource dataSource;
    private final Transactions transactions;
    private final SharedFolder shared;

    static class Source {
        @Option(names = "--parsed", paramLabel = "FILE.jsonl", description = "the parser's JSON lines")
        Path parsed;

        @Option(names = "--dataset", paramLabel = "NAME", description = "count a dataset's parsed assignments instead")
        String dataset;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--top", paramLabel = "K", defaultValue = "10000",
            description = "how many of the most frequent candidates to keep (default ${DEFAULT-VALUE})")
    int top;

    @Option(names = "--list", paramLabel = "FILE", description = "an external list, one name per line (repeatable), "
            + "e.g. ../shared/ram/eval/openimages_common_214_ram_taglist.txt")
    List<Path> lists = new ArrayList<>();

    @Option(names = "--coco", arity = "0..1", fallbackValue = "", paramLabel = "INSTANCES.json",
            description = "add COCO's 80 category names, from a COCO instances file (default: COCO-MINI's)")
    String coco;

    @Option(names = "--max-senses", paramLabel = "N", defaultValue = "4",
            description = "a word with more senses only ever gets proposals (default ${DEFAULT-VALUE})")
    int maxSenses;

    @Option(names = "--out", paramLabel = "PLAN.tsv", description = "write the plan: tag and proposal lines")
    Path out;

    @Option(names = "--apply", description = "write tags, names and proposals to the database (one transaction)")
    boolean apply;

    BuildCommand(DataSource dataSource, Transactions transactions, SharedFolder shared) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.shared = shared;
    }

    @Override
    public Integer call() throws IOException {
        if (top < 1 || maxSenses < 1) {
            throw new TagforgeException("--top and --max-senses must be at least 1");
        }
        long start = System.nanoTime();
        List<Candidate> counts = LabelSystemErrors.asUserErrors(() -> source.parsed != null
                ? CandidateCounts.fromParsedJsonl(source.parsed)
                : CandidateCounts.fromDatabase(dataSource, source.dataset));
        List<String> listed = listedNames();
        long counted = System.nanoTime();
        BuildPlan plan;
        try (WordNet wordNet = WordNet.open()) {
            plan = new VocabularyBuilder(wordNet, maxSenses, SurfaceMappings.live(dataSource))
                    .plan(counts, listed, top);
        }
        long planned = System.nanoTime();
        long merged = plan.tags().stream().filter(t -> t.names().size() > 1).count();
        System.out.printf("%d candidates, %d listed names → %d tags (%d merging synonyms), %d proposals%n",
                counts.size(), listed.size(), plan.tags().size(), merged, plan.links().size());
        if (out != null) {
            write(plan, out);
            System.out.println("plan written to " + out);
        }
        if (apply) {
            BuildWriter.Result r = new BuildWriter(transactions, Actor.current()).apply(plan);
            System.out.printf("database: %d tags created, %d extended, %d names added, %d proposals%n",
                    r.tagsCreated(), r.tagsExtended(), r.namesAdded(), r.proposals());
        }
        System.err.printf("counting %.1f s, grouping %.1f s, total %.1f s%n", (counted - start) / 1e9,
                (planned - counted) / 1e9, (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private List<String> listedNames() throws IOException {
        List<String> names = new ArrayList<>();
        for (Path list : lists) {
            LabelSystemErrors.asUserErrors(() -> names.addAll(TextLines.read(list).lines()));
        }
        if (coco != null) {
            Path file = coco.isEmpty()
                    ? shared.resolve("datasets/coco-mini/annotations/instances_train2017.json")
                    : Path.of(coco);
            if (!Files.exists(file)) {
                throw new TagforgeException(file + ": no such file");
            }
            JsonNode categories = new ObjectMapper().readTree(file.toFile()).get("categories");
            if (categories == null || !categories.isArray()) {
                throw new TagforgeException(file + ": no \"categories\" array (is it a COCO instances file?)");
            }
            categories.forEach(c -> names.add(c.path("name").asText()));
        }
        return names;
    }

    private static void write(BuildPlan plan, Path file) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            w.println("type\tname\tkind\tmentions\timages\tlisted\tnames_or_target\tevidence");
            for (BuildPlan.ProposedTag t : plan.tags()) {
                w.println(String.join("\t", "tag", t.name(), t.kind().name(), Long.toString(t.mentions()),
                        Long.toString(t.images()), Boolean.toString(t.listed()), String.join("|", t.names()),
                        t.evidence() == null ? "" : t.evidence()));
            }
            for (BuildPlan.WeakLink l : plan.links()) {
                w.println(String.join("\t", "proposal", l.from(), l.kind().name(), "", "", "", l.to(),
                        String.format("%.3f %s", l.confidence(), l.evidence())));
            }
        }
    }
}
