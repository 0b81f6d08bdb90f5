package io.tagforge.labelsystem.vocabulary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagforge.labelsystem.shareddata.SharedData;
import io.tagforge.labelsystem.wordnet.WordNet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lookups per second on one thread, over what a caption parser asks: every word and every two- and three-word
 * window of the first 2,000 COCO val2017 captions (hits, inflected forms and misses in their real mix).
 * Target: at least 1,000,000 ops/s. Run from the repository root:
 *
 * <pre>
 * ./mvnw -B -q -pl label-system -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp label-system/target/test-classes:label-system/target/classes:$(cat label-system/target/test-classpath.txt) \
 *     org.openjdk.jmh.Main VocabularyLookupBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = "-Xmx2g")
@Threads(1)
public class VocabularyLookupBenchmark {

    private InMemoryVocabulary vocabulary;
    private String[] surfaces;
    private int next;

    @Setup
    public void setUp() throws IOException {
        Path shared = SharedData.dir();
        try (WordNet wordNet = WordNet.open()) {
            vocabulary = RamVocabulary.load(shared.resolve("ram"), wordNet, LookupOptions.defaults());
        }
        surfaces = parserQueries(shared.resolve("datasets/coco-captions_val2017.json"), 2000);
    }

    /** the n-grams (1 to 3 words) of the first {@code captions} captions, as a parser would try them */
    static String[] parserQueries(Path cocoCaptions, int captions) throws IOException {
        JsonNode annotations = new ObjectMapper().readTree(cocoCaptions.toFile()).get("annotations");
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < Math.min(captions, annotations.size()); i++) {
            String[] words = annotations.get(i).get("caption").asText().toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z' ]", " ").trim().split("\\s+");
            for (int start = 0; start < words.length; start++) {
                StringBuilder gram = new StringBuilder();
                for (int end = start; end < Math.min(words.length, start + 3); end++) {
                    gram.append(end > start ? " " : "").append(words[end]);
                    queries.add(gram.toString());
                }
            }
        }
        return queries.toArray(String[]::new);
    }

    @Benchmark
    public List<TagMatch> resolve() {
        String surface = surfaces[next];
        next = next + 1 == surfaces.length ? 0 : next + 1;
        return vocabulary.resolve(surface);
    }
}
