package io.tagforge.engine.parse;

import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import io.tagforge.engine.cli.AppContext;
import io.tagforge.engine.cli.UserException;
import io.tagforge.labelsystem.vocabulary.Vocabulary;
import io.tagforge.parser.caption.CaptionParser;
import io.tagforge.parser.service.ParseService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
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

    private final AppContext context;

    @Option(names = "--captions", paramLabel = "FILE", required = true,
            description = "Captions (COCO JSON, TSV or plain text), e.g. ../shared/datasets/coco-captions_val2017.json.")
    Path captions;

    @Option(names = "--limit", description = "Time only the first N captions (default: all).")
    Integer limit;

    @Mixin
    ParserOptions parser;

    ParseBenchCommand(AppContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        if (limit != null && limit < 1) {
            throw new UserException("--limit must be at least 1");
        }
        List<String> texts = read();
        int cores = parser.threads();
        Vocabulary vocabulary = parser.vocabulary(context);
        System.out.printf(Locale.ROOT, "%d captions from %s; %d cores; annotators tokenize,ssplit,pos,lemma,depparse%n",
                texts.size(), captions, cores);

        StanfordCoreNLP bare = CaptionParser.newPipeline();
        CaptionParser warm = new CaptionParser(vocabulary);
        for (String t : texts.subList(0, Math.min(WARM_UP, texts.size()))) {
            bare.annotate(new Annotation(t));
            warm.parse(t);
        }
        double bareRate = rate(texts.size(), () -> texts.forEach(t -> bare.annotate(new Annotation(t))));
        print("bare CoreNLP, 1 thread", bareRate, "");
        double oneRate = serviceRate(vocabulary, 1, texts, "parser, 1 thread");
        double allRate = serviceRate(vocabulary, cores, texts, "parser, " + cores + " threads");

        List<String> repeated = new ArrayList<>(texts.size() * 3);
        for (int i = 0; i < 3; i++) {
            repeated.addAll(texts);
        }
        Collections.shuffle(repeated, new Random(42));
        double repeatedRate = serviceRate(vocabulary, cores, repeated, "parser, " + cores + " threads, every caption 3x");
        System.out.printf(Locale.ROOT, "ratio parser / bare, 1 thread: %.2f (target >= 0.90)%n", oneRate / bareRate);
        System.out.printf(Locale.ROOT, "speed-up %d threads / 1 thread: %.2f; repeated corpus / unique: %.2f%n",
                cores, allRate / oneRate, repeatedRate / allRate);
    }

    private double serviceRate(Vocabulary vocabulary, int threads, List<String> texts, String label) {
        try (ParseService service = new ParseService(vocabulary, threads)) {
            service.loadPipelines();
            double r = rate(texts.size(), () -> service.parseAll(texts));
            print(label, r, String.format(Locale.ROOT, " (%d from the cache)", service.cacheHits()));
            return r;
        }
    }

    private static double rate(int n, Runnable work) {
        long start = System.nanoTime();
        work.run();
        return n / ((System.nanoTime() - start) / 1e9);
    }

    private static void print(String label, double rate, String note) {
        System.out.printf(Locale.ROOT, "%-45s %8.1f captions/s%s%n", label, rate, note);
    }

    private List<String> read() {
        List<String> texts = new ArrayList<>();
        try (CaptionFile file = CaptionFile.open(captions, w -> System.err.println("warning: " + w))) {
            while (file.hasNext() && (limit == null || texts.size() < limit)) {
                texts.add(file.next().caption());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (texts.isEmpty()) {
            throw new UserException(captions + ": no captions");
        }
        return texts;
    }
}
