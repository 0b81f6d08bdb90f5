package io.tagforge.engine.bench;

import io.tagforge.engine.export.ExportFormat;
import io.tagforge.engine.export.ExportJob;
import io.tagforge.engine.export.ExportPolicy;
import io.tagforge.engine.export.ExportRequest;
import io.tagforge.engine.export.ImageRecords;
import io.tagforge.engine.job.ConsoleProgress;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.labelsystem.assignment.AssignmentState;
import io.tagforge.labelsystem.error.TagforgeException;
import io.tagforge.labelsystem.transaction.Transactions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench export}: seeds a synthetic dataset (reused when already there), exports it, and sets the export's
 * rate beside a plain {@code COPY (SELECT ...) TO STDOUT} of the same rows, which is as fast as PostgreSQL can hand
 * them out. Target: ratio at least 0.5.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export rows/s against a plain COPY of the same rows (target ratio >= 0.5).")
public class ExportBenchCommand implements Callable<Integer> {

    private final DataSource dataSource;

    private final Transactions transactions;

    @Spec
    CommandSpec spec;

    @Option(names = "--images", defaultValue = "1000000", description = "Images to seed (default ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where the export goes (default: a temporary folder, deleted afterwards).")
    Path outDir;

    ExportBenchCommand(DataSource dataSource, Transactions transactions) {
        this.dataSource = dataSource;
        this.transactions = transactions;
    }

    @Override
    public Integer call() throws Exception {
        if (images < 1) {
            throw new TagforgeException("--images must be at least 1");
        }
        DataSource db = dataSource;
        PrintWriter out = spec.commandLine().getOut();
        String dataset = "bench-export-" + images;
        BenchSeed seed = new BenchSeed(db, dataset, images);
        long seedStart = System.nanoTime();
        if (seed.seedIfMissing()) {
            out.printf(Locale.ROOT, "seeded %,d images, %,d captions, %,d tag assignments with COPY in %.1f s%n",
                    images, images * (long) BenchSeed.CAPTIONS, images * (long) BenchSeed.TAGS, seconds(seedStart));
        } else {
            out.printf(Locale.ROOT, "reusing dataset %s (%,d images)%n", dataset, images);
        }
        out.flush();

        Path dir = outDir != null ? outDir : Files.createTempDirectory("tagforge-bench-export");
        try {
            ExportRequest request = new ExportRequest(dataset, BenchSeed.RELEASE, ExportFormat.RAM_JSON,
                    dir.resolve(dataset + ".json"), ExportPolicy.ALL, false, null);
            plainCopy(db, seed.datasetId(), false, new long[1]); // warms the cache for both contenders
            long start = System.nanoTime();
            JobRecord job = ExportJob.run(transactions, request, "bench", new ConsoleProgress("export", "img"));
            double exportSeconds = seconds(start);
            long[] rows = new long[1];
            double orderedSeconds = plainCopy(db, seed.datasetId(), true, rows);
            double unorderedSeconds = plainCopy(db, seed.datasetId(), false, rows);
            double copySeconds = Math.min(orderedSeconds, unorderedSeconds);
            out.printf(Locale.ROOT, "rows       %,d (images joined with their captions, plus tag assignments) for "
                    + "%,d images%n", rows[0], job.count("images"));
            out.printf(Locale.ROOT, "export     %.2f s: %,.0f rows/s, %,.0f images/s, %,d bytes of JSON%n",
                    exportSeconds, rows[0] / exportSeconds, job.count("images") / exportSeconds,
                    Files.size(request.out()));
            out.printf(Locale.ROOT, "plain COPY %.2f s: %,.0f rows/s (the export's SELECTs as they are)%n",
                    orderedSeconds, rows[0] / orderedSeconds);
            out.printf(Locale.ROOT, "plain COPY %.2f s: %,.0f rows/s (the same without ORDER BY)%n",
                    unorderedSeconds, rows[0] / unorderedSeconds);
            out.printf(Locale.ROOT, "ratio      %.2f (export rows/s / faster COPY rows/s; target >= 0.5)%n",
                    copySeconds / exportSeconds);
            out.flush();
        } finally {
            if (outDir == null) {
                deleteTree(dir);
            }
        }
        return 0;
    }

    /**
     * The export's two SELECTs copied to nowhere: the rate at which PostgreSQL hands out the rows the export reads.
     * Without ORDER BY the planner may pick another plan (hash join, sequential scans), faster or slower, so the
     * bench measures both. Returns the seconds taken and puts the row count in {@code rows[0]}.
     */
    private static double plainCopy(DataSource db, int datasetId, boolean ordered, long[] rows)
            throws SQLException, IOException {
        long start = System.nanoTime();
        long count = 0;
        try (Connection c = db.getConnection()) {
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (String select : new String[]{ImageRecords.imagesSql(datasetId, ExportPolicy.ALL),
                    ImageRecords.assignmentsSql(datasetId, ExportPolicy.ALL,
                            EnumSet.of(AssignmentState.ACTIVE, AssignmentState.ACCEPTED))}) {
                String sql = ordered ? select : select.substring(0, select.lastIndexOf(" ORDER BY"));
                count += copy.copyOut("COPY (" + sql + ") TO STDOUT", OutputStream.nullOutputStream());
            }
        }
        rows[0] = count;
        return seconds(start);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
