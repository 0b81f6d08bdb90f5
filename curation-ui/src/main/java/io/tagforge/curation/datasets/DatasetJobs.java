package io.tagforge.curation.datasets;

import io.tagforge.curation.security.Roles;
import io.tagforge.engine.cleaning.CleaningJob;
import io.tagforge.engine.cleaning.CleaningRequest;
import io.tagforge.engine.dataset.DatasetStats;
import io.tagforge.engine.dataset.DatasetStore;
import io.tagforge.engine.generation.GenerationJob;
import io.tagforge.engine.generation.GenerationRequest;
import io.tagforge.engine.ingest.IngestFormat;
import io.tagforge.engine.ingest.IngestRequest;
import io.tagforge.engine.ingest.IngestResult;
import io.tagforge.engine.ingest.Ingester;
import io.tagforge.engine.job.JobListener;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.model.ModelSpec;
import io.tagforge.engine.parse.ParseDatasetJob;
import io.tagforge.labelsystem.error.TagforgeException;
import io.tagforge.labelsystem.transaction.Transactions;
import io.tagforge.labelsystem.vocabulary.DatabaseVocabulary;
import io.tagforge.labelsystem.vocabulary.LookupOptions;
import io.tagforge.labelsystem.vocabulary.Vocabulary;
import io.tagforge.labelsystem.wordnet.WordNet;
import jakarta.annotation.security.RolesAllowed;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * Starts a dataset's parse, generation and cleaning from the UI, as the CLI's parse, generate and clean commands
 * do (same jobs, same defaults), on the app's job thread. Input is checked here, before anything runs: a refusal
 * is a {@link TagforgeException} with a one-line message naming the field. The job makes its own row;
 * the future ends with it (or with the job's failure).
 */
@Service
@RolesAllowed(Roles.ADMIN)
public class DatasetJobs {

    static final int PARSE_BATCH = 1000;
    static final int GENERATE_BATCH = 32;
    static final int CLEAN_BATCH = 16;
    static final long CLEAN_SEED = 42;

    private final Jobs jobs;
    private final DataSource dataSource;
    private final Transactions transactions;
    private final DatasetStore datasets;
    private final Ingester ingester;

    DatasetJobs(Jobs jobs, DataSource dataSource, Transactions transactions, DatasetStore datasets, Ingester ingester) {
        this.jobs = jobs;
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.datasets = datasets;
        this.ingester = ingester;
    }

    /** Every dataset with its counts. */
    public List<DatasetStats> datasets() {
        return datasets.all();
    }

    /** Ingests {@code file} into {@code dataset}; the ingester checks the input and makes its own job row. */
    public Future<IngestResult> ingest(IngestFormat format, String file, String dataset, String imagesFolder) {
        IngestRequest request = new IngestRequest(format, Path.of(file.strip()), dataset.strip(),
                imagesFolder == null || imagesFolder.isBlank() ? null : Path.of(imagesFolder.strip()), false, null);
        return jobs.submit(() -> ingester.ingest(request, JobListener.NONE));
    }

    public Future<?> parse(String dataset) {
        String name = datasetName(dataset);
        if (!DatabaseVocabulary.hasTags(dataSource)) {
            throw new TagforgeException("The database has no tags to parse into: import a vocabulary first");
        }
        // a core stays free for the people using the app
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        String user = user();
        return jobs.submit(() -> withVocabulary(vocabulary ->
                new ParseDatasetJob(name, vocabulary, threads, PARSE_BATCH).run(transactions, user, JobListener.NONE)));
    }

    public Future<?> generate(String dataset, String taggerFolder, String captionerFolder, String release) {
        String name = datasetName(dataset);
        Path tagger = ModelFolder.check("Tagger folder", taggerFolder, true);
        Path captioner = ModelFolder.check("Captioner folder", captionerFolder, false);
        String releaseName = release != null && !release.isBlank() ? release.strip()
                : ModelSpec.read(tagger).json().path("release").asText(null);
        if (releaseName == null) {
            throw new TagforgeException("Release: required, since " + tagger.resolve("model.json")
                    + " names no release");
        }
        GenerationRequest request = new GenerationRequest(name, tagger, releaseName, captioner, GENERATE_BATCH);
        String user = user();
        // generated captions are parsed only when there are tags to parse them into, as the CLI does
        if (captioner != null && DatabaseVocabulary.hasTags(dataSource)) {
            return jobs.submit(() -> withVocabulary(vocabulary ->
                    GenerationJob.run(transactions, request, vocabulary, user, JobListener.NONE)));
        }
        return jobs.submit(() -> GenerationJob.run(transactions, request, null, user, JobListener.NONE));
    }

    public Future<?> clean(String dataset, String embedderFolder, String detectorFolder, int k, double outlierFraction,
            int minImages) {
        String name = datasetName(dataset);
        Path embedder = ModelFolder.check("Embedder folder", embedderFolder, true);
        Path detector = ModelFolder.check("Detector folder", detectorFolder, false);
        if (!(outlierFraction >= 0 && outlierFraction < 1)) {
            throw new TagforgeException("Outlier fraction: must be in [0, 1), was " + outlierFraction);
        }
        if (k < 1 || minImages < 1) {
            throw new TagforgeException("K and min images: must be at least 1");
        }
        CleaningRequest request = new CleaningRequest(name, detector, embedder, List.of(), minImages, outlierFraction,
                k, CLEAN_SEED, null, null, CLEAN_BATCH);
        String user = user();
        return jobs.submit(() -> CleaningJob.run(transactions, request, user, JobListener.NONE));
    }

    private interface VocabularyWork {
        JobRecord run(Vocabulary vocabulary) throws Exception;
    }

    private JobRecord withVocabulary(VocabularyWork work) throws Exception {
        try (WordNet wordNet = WordNet.open()) {
            return work.run(DatabaseVocabulary.load(dataSource, wordNet, LookupOptions.defaults()));
        }
    }

    private static String datasetName(String dataset) {
        if (dataset == null || dataset.isBlank()) {
            throw new TagforgeException("Dataset: choose one");
        }
        return dataset.strip();
    }

    /** Read on the caller's thread: the job thread has no security context. */
    private static String user() {
        return SecurityContextHolder.getContext().getAuthentication().getName();
    }
}
