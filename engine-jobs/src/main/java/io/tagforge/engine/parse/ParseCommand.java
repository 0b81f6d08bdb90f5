package io.tagforge.engine.parse;

import io.tagforge.engine.app.SharedFolder;
import io.tagforge.engine.job.ConsoleProgress;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.labelsystem.error.TagforgeException;
import io.tagforge.labelsystem.transaction.Transactions;
import io.tagforge.labelsystem.vocabulary.DatabaseVocabulary;
import io.tagforge.labelsystem.vocabulary.LookupOptions;
import io.tagforge.labelsystem.vocabulary.Vocabulary;
import io.tagforge.labelsystem.wordnet.WordNet;
import io.tagforge.parser.service.ParseService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./tagforge parse --captions FILE --out FILE.jsonl}: captions → tags, one JSON object per caption, in
 * input order. The output appears only when the whole file is parsed (written beside it, then renamed).
 */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = {"Parses captions into tags with CoreNLP: objects and scenes, attributes, actions.",
                "FILE is a COCO captions JSON, a path<TAB>caption TSV or plain text (one caption per line).",
                "Bad records are reported on stderr as FILE:LINE and the rest is parsed: invalid UTF-8 is replaced "
                        + "by U+FFFD, a TSV line without a TAB is skipped, an empty caption has no tags, a caption "
                        + "is read up to its first 2,000 characters, words with no Latin letter are skipped."},
        subcommands = {EvaluateCocoCommand.class, AuditCommand.class})
public class ParseCommand implements Callable<Integer> {

    private final SharedFolder shared;
    private final DataSource dataSource;
    private final Transactions transactions;

    @Mixin
    ParserOptions parser;

    @Option(names = "--captions", paramLabel = "FILE", description = "Captions to parse.")
    Path captions;

    @Option(names = "--out", paramLabel = "FILE.jsonl", description = "Where the JSON lines go.")
    Path out;

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "Parse this dataset's captions in the database instead, with the database's vocabulary, "
                    + "into tag assignments (a resumable job).")
    String dataset;

    @Option(names = "--batch-size", defaultValue = "1000",
            description = "With --dataset: captions per batch and commit (default ${DEFAULT-VALUE}).")
    int batchSize;

    ParseCommand(SharedFolder shared, DataSource dataSource, Transactions transactions) {
        this.shared = shared;
        this.dataSource = dataSource;
        this.transactions = transactions;
    }

    @Override
    public Integer call() throws Exception {
        if (dataset != null) {
            if (captions != null || out != null) {
                throw new TagforgeException("--dataset reads the database: give it without --captions and --out");
            }
            parseDataset();
            return 0;
        }
        if (captions == null || out == null) {
            throw new TagforgeException("parse needs --captions FILE and --out FILE.jsonl (or --dataset NAME)");
        }
        parseFile();
        return 0;
    }

    private void parseDataset() throws Exception {
        if (batchSize < 1) {
            throw new TagforgeException("--batch-size must be at least 1");
        }
        if (!DatabaseVocabulary.hasTags(dataSource)) {
            throw new TagforgeException("the database has no tags to parse into: import a vocabulary first "
                    + "(./tagforge vocab import-ram)");
        }
        JobRecord job;
        try (WordNet wordNet = WordNet.open()) {
            Vocabulary vocabulary = DatabaseVocabulary.load(dataSource, wordNet, LookupOptions.defaults());
            job = new ParseDatasetJob(dataset, vocabulary, parser.threads(), batchSize)
                    .run(transactions, "cli", new ConsoleProgress("parse", "captions"));
        }
        System.out.printf(Locale.ROOT, "job %d %s: %d captions, %d PARSED_ORIGINAL and %d PARSED_GENERATED tags%n",
                job.id(), job.state(), job.counts().path("captions").asLong(),
                job.counts().path("parsed_original_tags").asLong(), job.counts().path("parsed_generated_tags").asLong());
    }

    private void parseFile() {
        int n = parser.threads();
        Vocabulary vocabulary = parser.vocabulary(shared, dataSource);
        AtomicLong warnings = new AtomicLong();
        Path partial = out.toAbsolutePath().resolveSibling(out.getFileName() + ".part");
        long started = System.nanoTime();
        long count;
        long cacheHits;
        try (CaptionFile input = CaptionFile.open(captions, w -> {
                 warnings.incrementAndGet();
                 System.err.println("warning: " + w);
             });
             ParseService service = loaded(new ParseService(vocabulary, n));
             Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
             JsonlWriter jsonl = new JsonlWriter(writer);
             ProgressBar bar = new ProgressBarBuilder().setTaskName("parse").setUnit(" captions", 1)
                     .setInitialMax(-1).showSpeed().setStyle(ProgressBarStyle.ASCII).continuousUpdate().build()) {
            service.parse(input, CaptionRecord::caption, (record, parsed) -> {
                try {
                    jsonl.write(record, parsed);
                } catch (IOException e) {
                    throw new UncheckedIOException(partial + ": " + e.getMessage(), e);
                }
                bar.step();
            });
            count = bar.getCurrent();
            cacheHits = service.cacheHits();
            if (service.failures() > 0) {
                System.err.println("warning: CoreNLP failed on " + service.failures()
                        + " captions; they are written with no mentions");
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(partial);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        try {
            Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": " + e.getMessage(), e);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "%d captions parsed in %.1f s (%.0f/s, %d threads, %d from the cache, "
                + "%d warnings) → %s%n", count, seconds, count / seconds, n, cacheHits, warnings.get(), out);
    }

    private static ParseService loaded(ParseService service) {
        System.err.println("loading CoreNLP models...");
        service.loadPipelines();
        return service;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the error being reported matters more than a leftover .part file
        }
    }
}
