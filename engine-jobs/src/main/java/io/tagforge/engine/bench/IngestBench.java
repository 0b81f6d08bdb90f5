package io.tagforge.engine.bench;

import io.tagforge.engine.ingest.IngestFormat;
import io.tagforge.engine.ingest.IngestRequest;
import io.tagforge.engine.ingest.IngestResult;
import io.tagforge.engine.ingest.Ingester;
import io.tagforge.engine.job.JobListener;
import io.tagforge.labelsystem.transaction.Transactions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Random;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Ingest speed next to the floor it cannot beat: a raw COPY of the same image and caption rows, already
 * in table form, from files into the same tables.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Times ingest of a synthetic TSV against a raw COPY of the same rows.")
public class IngestBench implements Callable<Integer> {

    private static final String[] WORDS = ("a an the dog cat man woman child bus car tree street table pizza "
            + "plate red blue green small large sitting standing riding holding next to on in with near of "
            + "kitchen room field beach snow water horse train bench umbrella clock phone laptop bowl").split(" ");

    private final DataSource dataSource;

    private final Transactions transactions;

    @Option(names = "--images", defaultValue = "1000000") int images;
    @Option(names = "--captions-per-image", defaultValue = "5") int captionsPerImage;
    @Option(names = "--keep", description = "keep the two benchmark datasets instead of deleting them") boolean keep;

    IngestBench(DataSource dataSource, Transactions transactions) {
        this.dataSource = dataSource;
        this.transactions = transactions;
    }

    @Override
    public Integer call() throws Exception {
        DataSource ds = dataSource;
        long rows = (long) images * captionsPerImage;
        Path dir = Files.createTempDirectory("tagforge-bench-ingest");
        String suffix = Long.toString(System.currentTimeMillis(), 36);
        String ingestName = "bench-ingest-" + suffix;
        String rawName = "bench-raw-" + suffix;
        try {
            System.out.printf("Writing %,d synthetic captions of %,d images to %s ...%n", rows, images, dir);
            Path tsv = dir.resolve("captions.tsv");
            writeTsv(tsv);

            long t0 = System.nanoTime();
            IngestResult r = new Ingester(transactions).ingest(
                    new IngestRequest(IngestFormat.TSV, tsv, ingestName, null, false, null), JobListener.NONE);
            double ingestSeconds = (System.nanoTime() - t0) / 1e9;
            if (r.captionsAdded() != rows) {
                throw new IllegalStateException("ingest added " + r.captionsAdded() + " captions, expected " + rows);
            }

            int datasetId = createDataset(ds, rawName);
            long firstImageId = reserveImageIds(ds, images);
            Path imageRows = dir.resolve("image.copy");
            Path captionRows = dir.resolve("caption.copy");
            writeRawRows(imageRows, captionRows, datasetId, firstImageId);
            long t1 = System.nanoTime();
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                CopyManager copy = new CopyManager(c.unwrap(BaseConnection.class));
                try (InputStream in = Files.newInputStream(imageRows)) {
                    copy.copyIn("COPY image (id, dataset_id, path) FROM STDIN", in, 1 << 16);
                }
                try (InputStream in = Files.newInputStream(captionRows)) {
                    copy.copyIn("COPY caption (image_id, origin, text) FROM STDIN", in, 1 << 16);
                }
                c.commit();
            }
            double copySeconds = (System.nanoTime() - t1) / 1e9;

            System.out.printf("ingest (TSV, streamed, deduplicated, one transaction): %,10.0f captions/s  (%.1f s)%n",
                    rows / ingestSeconds, ingestSeconds);
            System.out.printf("raw COPY of the same rows from files:                  %,10.0f captions/s  (%.1f s)%n",
                    rows / copySeconds, copySeconds);
            System.out.printf("ratio ingest / raw COPY: %.2f (target >= 0.70)%n", copySeconds / ingestSeconds);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            if (!keep) {
                dropDatasets(ds, ingestName, rawName);
            }
        }
        return 0;
    }

    private void writeTsv(Path tsv) throws IOException {
        Random random = new Random(42);
        try (BufferedWriter w = Files.newBufferedWriter(tsv)) {
            for (int i = 0; i < images; i++) {
                for (int c = 0; c < captionsPerImage; c++) {
                    w.write(path(i));
                    w.write('\t');
                    w.write(caption(random, c));
                    w.write('\n');
                }
            }
        }
    }

    /** The same rows the ingest produced, in COPY text form: same paths, same captions (same seed). */
    private void writeRawRows(Path imageRows, Path captionRows, int datasetId, long firstImageId) throws IOException {
        Random random = new Random(42);
        try (BufferedWriter wi = Files.newBufferedWriter(imageRows); BufferedWriter wc = Files.newBufferedWriter(captionRows)) {
            for (int i = 0; i < images; i++) {
                long id = firstImageId + i;
                wi.write(id + "\t" + datasetId + "\t" + path(i) + "\n");
                for (int c = 0; c < captionsPerImage; c++) {
                    wc.write(id + "\t0\t" + caption(random, c) + "\n");
                }
            }
        }
    }

    private static String path(int i) {
        return String.format("images/%03d/%09d.jpg", i % 1000, i);
    }

    /** Distinct per image (the caption index is in it), 8 to 15 words like a COCO caption. */
    private static String caption(Random random, int index) {
        StringBuilder sb = new StringBuilder("caption ").append(index);
        int n = 8 + random.nextInt(8);
        for (int w = 0; w < n; w++) {
            sb.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }

    private static int createDataset(DataSource ds, String name) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO dataset (name, format) VALUES (?, 'tsv') RETURNING id")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Moves the image id sequence past a block of {@code n} ids that the raw COPY then uses. */
    private static long reserveImageIds(DataSource ds, int n) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT setval('image_id_seq', nextval('image_id_seq') + ?) - ? + 1")) {
            ps.setLong(1, n);
            ps.setLong(2, n);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void dropDatasets(DataSource ds, String... names) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM dataset WHERE name = ?")) {
            for (String name : names) {
                ps.setString(1, name);
                ps.executeUpdate();
            }
        }
    }
}
