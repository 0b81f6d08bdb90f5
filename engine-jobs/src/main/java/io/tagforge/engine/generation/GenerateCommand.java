package io.tagforge.engine.generation;

import io.tagforge.engine.model.DeviceOption;
import io.tagforge.engine.job.ConsoleProgress;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.model.ModelDevice;
import io.tagforge.labelsystem.transaction.Transactions;
import io.tagforge.labelsystem.vocabulary.DatabaseVocabulary;
import io.tagforge.labelsystem.vocabulary.LookupOptions;
import io.tagforge.labelsystem.vocabulary.Vocabulary;
import io.tagforge.labelsystem.wordnet.WordNet;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./tagforge generate}: the tagger's (and captioner's) tags for every image of a dataset, as a job. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Adds the tagger's tags (source MODEL) and generated captions, parsed with the database's "
                + "vocabulary (PARSED_GENERATED), to a dataset's images.")
public class GenerateCommand implements Callable<Integer> {

    private final DataSource dataSource;

    private final Transactions transactions;

    @Mixin
    GenerationOptions generation;

    @Option(names = "--device", defaultValue = "auto", converter = DeviceOption.class, description = "cpu, gpu, "
            + "gpu:N, or auto: the GPU when there is one (default ${DEFAULT-VALUE}).")
    ModelDevice device;

    GenerateCommand(DataSource dataSource, Transactions transactions) {
        this.dataSource = dataSource;
        this.transactions = transactions;
    }

    private static ConsoleProgress progress() {
        return new ConsoleProgress("generate", "images");
    }

    @Override
    public Integer call() throws Exception {
        GenerationRequest request = generation.request(device);
        JobRecord job;
        if (request.captioner() != null && DatabaseVocabulary.hasTags(dataSource)) {
            try (WordNet wordNet = WordNet.open()) {
                Vocabulary vocabulary = DatabaseVocabulary.load(dataSource, wordNet, LookupOptions.defaults());
                job = GenerationJob.run(transactions, request, vocabulary, "cli", progress());
            }
        } else {
            job = GenerationJob.run(transactions, request, null, "cli", progress());
        }
        report(job);
        return 0;
    }

    /** The job's outcome on standard output: images, model tags, captions, tags per image before and after. */
    public static void report(JobRecord job) {
        long images = job.counts().path("images").asLong();
        long before = job.counts().path("tags_before").asLong();
        long after = job.counts().path("tags_after").asLong();
        System.out.printf(Locale.ROOT, "job %d %s: %d images (%d unreadable), %d model tags, %d generated captions "
                        + "with %d parsed tags%n", job.id(), job.state(), images,
                job.counts().path("images_unreadable").asLong(), job.counts().path("model_tags").asLong(),
                job.counts().path("captions").asLong(), job.counts().path("parsed_generated_tags").asLong());
        if (images > 0) {
            System.out.printf(Locale.ROOT, "tags per image: %.2f before, %.2f after (%d -> %d tags)%n",
                    (double) before / images, (double) after / images, before, after);
        }
    }
}
