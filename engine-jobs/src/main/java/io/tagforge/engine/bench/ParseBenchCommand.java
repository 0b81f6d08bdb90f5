package io.tagforge.engine.bench;

import io.tagforge.labelsystem.error.TagforgeException;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import io.tagforge.engine.app.SharedFolder;
import io.tagforge.engine.parse.CaptionFile;
import io.tagforge.engine.parse.ParserOptions;
import io.tagforge.labelsystem.vocabulary.Vocabulary;
import io.tagforge.parser.caption.CaptionParser;
import io.tagforge.parser.service.ParseService;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./tagforge bench parse}: captions per second of a bare CoreNLP pipeline with the parser's annotators,
 * of the parser on one thread and on all cores, and on a corpus where every caption comes three times (the
 * cache's work). Target: parser / bare on one thread ≥ 0.9.
 */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = "Times the caption parser against bare CoreNLP and prints captions/s and the ratio.")
public class ParseBenchCommand implements Runnable {

    private static final int WARM_UP = 300;
    private static final int SLICES = 10;

    private final SharedFolder shared;
    private final DataSource dataSource;

    @Option(names = "--captions", paramLabel = "FILE", required = true,
            description = "Captions (COCO JSON, TSV or plain text), e.g. ../shared/datasets/coco-captions_val2017.json.")
    Path captions;

    @Option(names = "--limit", description = "Time only the first N captions (default: all).")
    Integer limit;

    @Mixin
    ParserOptions parser;

    ParseBenchCommand(SharedFolder shared, DataSource dataSource) {
        this.shared = shared;
        this.dataSource = dataSource;
    }

    @Override
    public void run() {
        if (limit != null && limit < 1) {
            throw new TagforgeException("--limit must be at least 1");
        }
        List<String> texts = read();
        int cores = parser.threads();
        Vocabulary vocabulary = parser.vocabulary(shared, dataSource);
        System.out.printf(Locale.ROOT, "%d captions from %s; %d cores; annotators tokenize,ssplit,pos,lemma,depparse%n",
                texts.size(), captions, cores);

        StanfordCoreNLP bare = CaptionParser.newPipeline();
        CaptionParser warm = new CaptionParser(vocabulary);
        for (String t : texts.subList(0, Math.min(WARM_UP, texts.size()))) {
            bare.annotate(new Annotation(t));
            warm.parse(t);
        }
        Timing bareTime = new Timing();
        Timing oneTime = new Timing();
        long oneHits;
        try (ParseService one = new ParseService(vocabulary, 1)) {
            one.loadPipelines();
            // alternating slices: on a shared machine the load drifts, and both sides should see the same drift
            int slice = Math.max(1, (texts.size() + SLICES - 1) / SLICES);
            for (int from = 0; from < texts.size(); from += slice) {
                List<String> part = texts.subList(from, Math.min(texts.size(), from + slice));
                bareTime.add(() -> part.forEach(t -> bare.annotate(new Annotation(t))));
                oneTime.add(() -> one.parseAll(part));
            }
            oneHits = one.cacheHits();
        }
        print("bare CoreNLP, 1 thread", texts.size(), bareTime, "");
        print("parser, 1 thread", texts.size(), oneTime, String.format(Locale.ROOT, " (%d from the cache)", oneHits));
        Timing allTime = serviceTime(vocabulary, cores, texts, "parser, " + cores + " threads");

        List<String> repeated = new ArrayList<>(texts.size() * 3);
        for (int i = 0; i < 3; i++) {
            repeated.addAll(texts);
        }
        Collections.shuffle(repeated, new Random(42));
        Timing repeatedTime = serviceTime(vocabulary, cores, repeated, "parser, " + cores + " threads, every caption 3x");
        System.out.printf(Locale.ROOT, "ratio parser / bare, 1 thread: %.2f by wall clock, %.2f by CPU time "
                + "(target >= 0.90)%n", bareTime.wall / oneTime.wall, bareTime.cpu / oneTime.cpu);
        System.out.printf(Locale.ROOT, "speed-up %d threads / 1 thread: %.2f; repeated corpus (3x the captions) / "
                + "unique: %.2f by wall clock%n", cores, oneTime.wall / allTime.wall, 3 * allTime.wall / repeatedTime.wall);
    }

    private Timing serviceTime(Vocabulary vocabulary, int threads, List<String> texts, String label) {
        try (ParseService service = new ParseService(vocabulary, threads)) {
            service.loadPipelines();
            Timing t = new Timing();
            t.add(() -> service.parseAll(texts));
            print(label, texts.size(), t, String.format(Locale.ROOT, " (%d from the cache)", service.cacheHits()));
            return t;
        }
    }

    /**
     * Wall-clock and process CPU seconds. Other people's work on a shared machine stretches the wall clock;
     * the CPU time is what this process spent, so the ratio by CPU time is the steadier one.
     */
    private static final class Timing {
        private static final OperatingSystemMXBean OS =
                (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double wall;
        double cpu;

        void add(Runnable work) {
            long wallStart = System.nanoTime();
            long cpuStart = OS.getProcessCpuTime();
            work.run();
            wall += (System.nanoTime() - wallStart) / 1e9;
            cpu += (OS.getProcessCpuTime() - cpuStart) / 1e9;
        }
    }

    private static void print(String label, int captions, Timing t, String note) {
        System.out.printf(Locale.ROOT, "%-45s %8.1f captions/s  %8.1f per CPU-second%s%n", label, captions / t.wall,
                captions / t.cpu, note);
    }

    private List<String> read() {
        List<String> texts = CaptionFile.texts(captions, limit, w -> System.err.println("warning: " + w));
        if (texts.isEmpty()) {
            throw new TagforgeException(captions + ": no captions");
        }
        return texts;
    }
}
