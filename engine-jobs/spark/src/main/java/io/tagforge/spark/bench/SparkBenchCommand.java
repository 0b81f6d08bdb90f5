package io.tagforge.spark.bench;

import io.tagforge.engine.app.SharedFolder;
import io.tagforge.engine.job.JobListener;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.parse.ParseDatasetJob;
import io.tagforge.labelsystem.database.Database;
import io.tagforge.labelsystem.error.TagforgeException;
import io.tagforge.labelsystem.ramformat.TagListImport;
import io.tagforge.labelsystem.transaction.Transactions;
import io.tagforge.labelsystem.vocabulary.DatabaseVocabulary;
import io.tagforge.labelsystem.vocabulary.LookupOptions;
import io.tagforge.labelsystem.vocabulary.Vocabulary;
import io.tagforge.labelsystem.wordnet.WordNet;
import io.tagforge.spark.database.DatabaseAddress;
import io.tagforge.spark.database.DatabaseOptions;
import io.tagforge.spark.parse.SparkParseJob;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.apache.spark.sql.SparkSession;
import org.postgresql.PGConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./tagforge bench spark --captions N}: the same synthetic captions parsed into two datasets, by the local
 * parse job on N threads and by the Spark stage on {@code local[N]}; captions per second of each, from loading the
 * vocabulary to the job's end (both load the vocabulary and their CoreNLP pipelines inside that time; the Spark
 * session's start is outside), and their ratio. The datasets are deleted
 * afterwards.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Times parse --dataset on one machine against parse --spark local[N] on the same captions.")
public final class SparkBenchCommand implements Callable<Integer> {

    private static final List<String> ADJECTIVES = List.of("red", "small", "large", "old", "young", "white", "black",
            "wooden", "green", "blue", "yellow", "tall", "wet", "shiny", "brown", "striped", "empty", "busy", "dark",
            "bright", "little", "happy", "plastic", "metal", "round");
    private static final List<String> SUBJECTS = List.of("man", "woman", "dog", "cat", "boy", "girl", "horse", "bird",
            "child", "cow", "bear", "elephant", "giraffe", "zebra", "sheep", "player", "skier", "surfer", "chef",
            "couple", "group of people", "train", "bus", "truck", "car", "motorcycle", "boat", "airplane", "kite");
    private static final List<String> VERBS = List.of("sitting on", "standing next to", "walking along", "lying on",
            "riding", "parked near", "looking at", "playing with", "holding", "eating", "flying over", "running across",
            "waiting at", "jumping over", "resting under");
    private static final List<String> PLACES = List.of("table", "bench", "street", "beach", "field", "road", "couch",
            "bed", "fence", "tree", "river", "building", "sidewalk", "snow", "grass", "kitchen counter", "window",
            "mountain", "lake", "bridge", "skateboard", "surfboard", "pizza", "sandwich", "umbrella", "clock");

    @Option(names = "--captions", defaultValue = "20000", paramLabel = "N",
            description = "Synthetic captions (default ${DEFAULT-VALUE}).")
    int captions;

    @Option(names = "--cores", defaultValue = "2", paramLabel = "N",
            description = "Parser threads of the local job, and N of local[N] (default ${DEFAULT-VALUE}).")
    int cores;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the synthetic captions.")
    long seed;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() throws Exception {
        if (captions < 1 || cores < 1) {
            throw new TagforgeException("--captions and --cores must be at least 1");
        }
        try (Database db = database.open()) {
            DataSource ds = db.dataSource();
            if (!DatabaseVocabulary.hasTags(ds)) {
                new TagListImport(Transactions.over(ds), "bench").importRam(SharedFolder.locate().resolve("ram"), "ram");
            }
            String suffix = Long.toString(System.currentTimeMillis(), 36);
            String local = "bench-spark-local-" + suffix;
            String spark = "bench-spark-spark-" + suffix;
            try {
                List<String> texts = synthetic();
                insert(ds, local, texts);
                insert(ds, spark, texts);
                // the vocabulary's load is timed on both sides: Spark's executors load it inside the job
                long started = System.nanoTime();
                Vocabulary vocabulary;
                try (WordNet wordNet = WordNet.open()) {
                    vocabulary = DatabaseVocabulary.load(ds, wordNet, LookupOptions.defaults());
                }
                JobRecord localJob = new ParseDatasetJob(local, vocabulary, cores, 1000).run(Transactions.over(ds), "bench", JobListener.NONE);
                double localSeconds = (System.nanoTime() - started) / 1e9;

                JobRecord sparkJob;
                double sparkSeconds;
                try (SparkSession session = SparkSession.builder().master("local[" + cores + "]")
                        .appName("tagforge bench spark").getOrCreate()) {
                    DatabaseAddress address = database.address(db);
                    started = System.nanoTime();
                    sparkJob = new SparkParseJob(session, ds, address, spark, 4 * cores).run("bench", JobListener.NONE);
                    sparkSeconds = (System.nanoTime() - started) / 1e9;
                }
                if (localJob.counts().path("parsed_original_tags").asLong()
                        != sparkJob.counts().path("parsed_original_tags").asLong()) {
                    throw new IllegalStateException("the two runs stored different tag counts: " + localJob.counts()
                            + " and " + sparkJob.counts());
                }
                double localRate = captions / localSeconds;
                double sparkRate = captions / sparkSeconds;
                System.out.printf(Locale.ROOT, "%d synthetic captions, %d cores, %d tags each way%n", captions, cores,
                        localJob.counts().path("parsed_original_tags").asLong());
                System.out.printf(Locale.ROOT, "local parse job:  %.1f s, %.1f captions/s%n", localSeconds, localRate);
                System.out.printf(Locale.ROOT, "spark local[%d]:   %.1f s, %.1f captions/s (%d ranges)%n", cores,
                        sparkSeconds, sparkRate, sparkJob.counts().path("partitions").asLong());
                System.out.printf(Locale.ROOT, "ratio spark / local: %.2f%n", sparkRate / localRate);
            } finally {
                deleteDataset(ds, local);
                deleteDataset(ds, spark);
            }
        }
        return 0;
    }

    /** Captions that rarely repeat (the parser's cache would answer repeats), from the seed. */
    private List<String> synthetic() {
        Random random = new Random(seed);
        return IntStream.range(0, captions).mapToObj(i -> "A " + pick(random, ADJECTIVES) + " "
                + pick(random, SUBJECTS) + " " + pick(random, VERBS) + " the " + pick(random, ADJECTIVES) + " "
                + pick(random, PLACES) + (random.nextBoolean() ? "" : " near a " + pick(random, ADJECTIVES) + " "
                + pick(random, PLACES)) + ".").toList();
    }

    private static String pick(Random random, List<String> words) {
        return words.get(random.nextInt(words.size()));
    }

    /** One image per five captions, as in COCO. */
    private static void insert(DataSource ds, String dataset, List<String> texts) throws SQLException, IOException {
        try (Connection c = ds.getConnection()) {
            List<Long> images = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("WITH d AS (INSERT INTO dataset (name, format) "
                    + "VALUES (?, 'bench') RETURNING id) INSERT INTO image (dataset_id, path) SELECT d.id, "
                    + "'synthetic/' || g || '.jpg' FROM d, generate_series(0, ?) g RETURNING id")) {
                ps.setString(1, dataset);
                ps.setInt(2, (texts.size() - 1) / 5);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        images.add(rs.getLong(1));
                    }
                }
            }
            StringBuilder rows = new StringBuilder();
            for (int i = 0; i < texts.size(); i++) {
                rows.append(images.get(i / 5)).append("\t0\t").append(texts.get(i)).append('\n');
            }
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY caption (image_id, origin, text) FROM STDIN",
                    new StringReader(rows.toString()));
        }
    }

    private static void deleteDataset(DataSource ds, String dataset) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM dataset WHERE name = ?")) {
            ps.setString(1, dataset);
            ps.executeUpdate();
        }
    }
}
