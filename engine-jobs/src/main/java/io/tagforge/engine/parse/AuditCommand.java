package io.tagforge.engine.parse;

import io.tagforge.labelsystem.error.TagforgeException;
import io.tagforge.engine.app.SharedFolder;
import io.tagforge.labelsystem.shareddata.SharedData;
import io.tagforge.parser.audit.AuditSample;
import io.tagforge.parser.audit.GoldFile;
import io.tagforge.parser.service.ParseService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./tagforge parse audit --sample N --out FILE.tsv}: a uniform sample of the tags the parser emits on a
 * caption file, as rows of the all-tags gold to judge by hand; {@code parse audit score} scores judged rows.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Draws a uniform sample of the tags the parser emits (every emitted, non-negated tag of every "
                + "caption has the same chance) as gold TSV rows with empty verdict, accept and reason to judge.",
                "'parse audit score --gold FILE' scores judged rows against the current parser."},
        subcommands = AuditScoreCommand.class)
class AuditCommand implements Runnable {

    private final SharedFolder shared;
    private final DataSource dataSource;

    @Mixin
    ParserOptions parser;

    @Option(names = "--sample", paramLabel = "N", description = "How many tags to draw.")
    Integer sample;

    @Option(names = "--captions", paramLabel = "FILE",
            description = "Captions to parse, as for parse --captions (default: ../shared/datasets/"
                    + "coco-captions_val2017.json).")
    Path captions;

    @Option(names = "--corpus", paramLabel = "NAME",
            description = "The corpus column of the rows (default: the captions file's name without extension).")
    String corpus;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE.tsv", description = "Where the rows go.")
    Path out;

    AuditCommand(SharedFolder shared, DataSource dataSource) {
        this.shared = shared;
        this.dataSource = dataSource;
    }

    @Override
    public void run() {
        // not picocli-required: "parse audit score" would then ask for them too
        if (sample == null || out == null) {
            throw new TagforgeException("parse audit needs --sample N and --out FILE.tsv (or: parse audit score --gold FILE)");
        }
        if (sample < 1) {
            throw new TagforgeException("--sample must be at least 1");
        }
        Path file = captions != null ? captions : shared.resolve("datasets/coco-captions_val2017.json");
        if (!Files.isRegularFile(file)) {
            throw new TagforgeException("--captions " + file + ": no such file");
        }
        String name = corpus != null ? corpus : file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        AuditSample drawn = new AuditSample(sample, name, seed);
        Path partial = out.toAbsolutePath().resolveSibling(out.getFileName() + ".part");
        try (CaptionFile input = CaptionFile.open(file, w -> System.err.println("warning: " + w));
             ParseService service = new ParseService(parser.vocabulary(shared, dataSource), parser.threads())) {
            service.parse(input, CaptionRecord::caption,
                    (record, parsed) -> drawn.offer(String.valueOf(record.imageId()), record.caption(), parsed));
            try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                GoldFile.write(writer, drawn.rows());
            }
            Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": " + e.getMessage(), e);
        }
        System.out.printf(Locale.ROOT, "%d of %d emitted tags drawn (seed %d) → %s%n", drawn.rows().size(),
                drawn.seen(), seed, out);
    }
}
