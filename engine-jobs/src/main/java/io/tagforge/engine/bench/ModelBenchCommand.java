package io.tagforge.engine.bench;

import io.tagforge.engine.cleaning.CleaningJob;
import io.tagforge.engine.cleaning.CleaningRequest;
import io.tagforge.engine.model.DeviceOption;
import io.tagforge.engine.generation.GenerationJob;
import io.tagforge.engine.generation.GenerationRequest;
import io.tagforge.engine.images.DatasetImages;
import io.tagforge.engine.images.DatasetImages.ImageRow;
import io.tagforge.engine.job.JobListener;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.model.Detector;
import io.tagforge.engine.model.Embedder;
import io.tagforge.engine.model.ModelDevice;
import io.tagforge.engine.model.ModelSpec;
import io.tagforge.engine.model.PreparedImage;
import io.tagforge.engine.model.Tagger;
import io.tagforge.labelsystem.error.TagforgeException;
import io.tagforge.labelsystem.transaction.Transactions;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javax.sql.DataSource;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./tagforge bench models}: a model alone (images decoded and prepared beforehand, in memory, fed in
 * batches of the jobs' size) against the job that uses it end to end ({@code generate} for a tagger,
 * {@code clean} for a detector or an embedder: reading, decoding, preparing, the model, the database), in
 * images per second, and their ratio: how much of the model's speed the pipeline keeps. With
 * {@code --repeat N} the model alone and the job take turns N times (the model once more at the end) and the
 * best of each counts: on cores shared with other work, the least disturbed run is the one that measures the
 * code.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Model-only images/s (prepared inputs in memory) next to end-to-end generate/clean images/s.")
public class ModelBenchCommand implements Callable<Integer> {

    private final DataSource dataSource;

    private final Transactions transactions;

    @Option(names = "--dataset", required = true, description = "Dataset whose images are used.")
    String dataset;

    @ArgGroup(multiplicity = "1")
    Model model;

    static class Model {
        @Option(names = "--tagger", description = "Tagger folder: timed against 'generate'.")
        Path tagger;

        @Option(names = "--detector", description = "Detector folder: timed against 'clean --detector'.")
        Path detector;

        @Option(names = "--embedder", description = "Embedder folder: timed against 'clean'.")
        Path embedder;
    }

    @Option(names = "--release", description = "Release of the tagger's outputs (default: model.json's).")
    String release;

    @Option(names = "--with-embedder", description = "With --detector: the embedder 'clean' needs (its time is "
            + "part of the end-to-end figure).")
    Path withEmbedder;

    @Option(names = "--phrases", split = ",", defaultValue = "person,dog,car,chair",
            description = "With --detector: what the model alone looks for in every image (default ${DEFAULT-VALUE}).")
    List<String> phrases;

    @Option(names = "--batch-size", defaultValue = "16", description = "Images per batch (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--device", defaultValue = "auto", converter = DeviceOption.class,
            description = "cpu, gpu, gpu:N or auto (default ${DEFAULT-VALUE}).")
    ModelDevice device;

    @Option(names = "--repeat", defaultValue = "1", description = "Rounds of model alone and job (default ${DEFAULT-VALUE}).")
    int repeat;

    ModelBenchCommand(DataSource dataSource, Transactions transactions) {
        this.dataSource = dataSource;
        this.transactions = transactions;
    }

    @Override
    public Integer call() throws Exception {
        if (batchSize < 1 || repeat < 1) {
            throw new TagforgeException("--batch-size and --repeat must be at least 1");
        }
        List<BufferedImage> images = decodeAll();
        System.out.printf(Locale.ROOT, "%d images of %s, batch %d, %d cores, load average %.2f%n", images.size(),
                dataset, batchSize, Runtime.getRuntime().availableProcessors(), loadAverage());
        Rounds rounds;
        if (model.tagger != null) {
            String releaseName = release != null ? release : ModelSpec.read(model.tagger).json().path("release").asText(null);
            if (releaseName == null) {
                throw new TagforgeException("--release: required, since " + model.tagger.resolve("model.json")
                        + " names no release");
            }
            try (Tagger tagger = Tagger.load(model.tagger, device, batchSize)) {
                List<PreparedImage> prepared = images.stream().map(tagger.preprocessing()::prepare).toList();
                rounds = rounds(() -> timeBatches(prepared, tagger::predictPrepared), () -> {
                    Timing timing = new Timing();
                    GenerationJob.run(transactions, new GenerationRequest(dataset, model.tagger, releaseName,
                            null, batchSize, device), null, "bench", timing);
                    return timing.report();
                });
            }
        } else if (model.detector != null) {
            if (withEmbedder == null) {
                throw new TagforgeException("--with-embedder: required with --detector ('clean' embeds the regions)");
            }
            try (Detector detector = Detector.load(model.detector, device, batchSize)) {
                List<Detector.Request> requests = images.stream()
                        .map(i -> new Detector.Request(i, phrases.stream().filter(detector::knows).toList())).toList();
                rounds = rounds(() -> timeBatches(requests, detector::detect), () -> clean(model.detector, withEmbedder));
            }
        } else {
            try (Embedder embedder = Embedder.load(model.embedder, device, batchSize)) {
                List<PreparedImage> prepared = images.stream().map(embedder.preprocessing()::prepare).toList();
                rounds = rounds(() -> timeBatches(prepared, embedder::embedPrepared), () -> clean(null, model.embedder));
            }
        }
        System.out.printf(Locale.ROOT, "model only: %.2f images/s (best of %s)%nend to end: %.2f images/s (best of %s)%n"
                        + "ratio:      %.3f%n", rounds.modelOnly(), rounds.modelRuns(), rounds.endToEnd(), rounds.jobRuns(),
                rounds.endToEnd() / rounds.modelOnly());
        System.out.printf(Locale.ROOT, "load average after: %.2f%n", loadAverage());
        return 0;
    }

    /** Runs per side, images/s. */
    private record Rounds(List<Double> modelRuns, List<Double> jobRuns) {
        double modelOnly() {
            return modelRuns.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        }

        double endToEnd() {
            return jobRuns.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        }
    }

    private Rounds rounds(Callable<Double> modelOnly, Callable<Double> job) throws Exception {
        List<Double> modelRuns = new ArrayList<>();
        List<Double> jobRuns = new ArrayList<>();
        for (int round = 0; round < repeat; round++) {
            modelRuns.add(round(modelOnly.call()));
            jobRuns.add(round(job.call()));
        }
        modelRuns.add(round(modelOnly.call()));
        return new Rounds(modelRuns, jobRuns);
    }

    private static double round(double imagesPerSecond) {
        return Math.round(imagesPerSecond * 100) / 100.0;
    }

    /** 'clean' over the dataset's detectable tags, images per second of the images it looked at. */
    private double clean(Path detector, Path embedder) throws Exception {
        Timing timing = new Timing();
        CleaningJob.run(transactions, new CleaningRequest(dataset, detector, embedder, List.of(),
                1, 0.1, 16, System.nanoTime(), null, null, batchSize, false, device), "bench", timing);
        return timing.report();
    }

    /**
     * A job's images per second from its start (models loaded and warmed up by their first batch, as any run
     * pays) to its end; printed beside the rate after the first committed batch, the steady state of a long run.
     */
    private static final class Timing implements JobListener {
        private final long start = System.nanoTime();
        private long images;
        private long firstBatchAt;
        private long firstBatchImages;
        private long end;

        @Override
        public void started(JobRecord job) {
            images = job.progress();
        }

        @Override
        public void progressed(long progress, Long total) {
            if (firstBatchAt == 0 && progress > images) {
                firstBatchAt = System.nanoTime();
                firstBatchImages = progress;
            }
            images = progress;
        }

        @Override
        public void finished(JobRecord job) {
            end = System.nanoTime();
            images = job.counts().path("images").asLong();
        }

        double report() {
            double whole = images / ((end - start) / 1e9);
            double steady = (images - firstBatchImages) / ((end - firstBatchAt) / 1e9);
            System.out.printf(Locale.ROOT, "job: %d images in %.1f s; after its first batch %.2f images/s%n", images,
                    (end - start) / 1e9, steady);
            return whole;
        }
    }

    /** Images per second of {@code run} over all inputs in batches, after one untimed warm-up batch. */
    private <T> double timeBatches(List<T> inputs, Consumer<List<T>> run) {
        run.accept(inputs.subList(0, Math.min(batchSize, inputs.size())));
        long start = System.nanoTime();
        for (int from = 0; from < inputs.size(); from += batchSize) {
            run.accept(inputs.subList(from, Math.min(inputs.size(), from + batchSize)));
        }
        return inputs.size() / seconds(start);
    }

    private List<BufferedImage> decodeAll() throws Exception {
        List<BufferedImage> images = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            DatasetImages set = DatasetImages.find(c, dataset);
            long after = 0;
            List<ImageRow> rows;
            while (!(rows = set.after(c, after, 256)).isEmpty()) {
                for (ImageRow row : rows) {
                    try {
                        images.add(set.read(row));
                    } catch (IOException e) {
                        System.err.println("skipped: " + e.getMessage());
                    }
                }
                after = rows.get(rows.size() - 1).id();
            }
        }
        if (images.isEmpty()) {
            throw new TagforgeException("--dataset " + dataset + ": no readable images");
        }
        return images;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
