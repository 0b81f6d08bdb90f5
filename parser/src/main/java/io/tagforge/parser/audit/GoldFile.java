package io.tagforge.parser.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The gold's TSV: a header line naming {@link #COLUMNS}, then one tab-separated row per mention, no quoting. An
 * unjudged row has empty verdict, accept and reason; {@code accept} lists tag names separated by {@code |}.
 */
public final class GoldFile {

    public static final List<String> COLUMNS = List.of("id", "split", "stratum", "corpus", "image_id", "caption",
            "start", "end", "surface", "lemma", "kind", "tag", "rule", "verdict", "accept", "reason");

    private GoldFile() {
    }

    /** Reads a gold file; a malformed line fails with {@link GoldFormatException} naming it and the field. */
    public static List<GoldRow> read(Path file) {
        List<GoldRow> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !Arrays.asList(header.split("\t", -1)).equals(COLUMNS)) {
                throw new GoldFormatException(file, 1, "header", "expected " + String.join(" ", COLUMNS));
            }
            String line;
            for (int number = 2; (line = in.readLine()) != null; number++) {
                if (!line.isBlank()) {
                    rows.add(row(file, number, line.split("\t", -1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        return rows;
    }

    private static GoldRow row(Path file, int line, String[] f) {
        if (f.length != COLUMNS.size()) {
            throw new GoldFormatException(file, line, "columns", "expected " + COLUMNS.size() + ", got " + f.length);
        }
        int start = number(file, line, "start", f[6]);
        int end = number(file, line, "end", f[7]);
        if (start < 0 || end <= start) {
            throw new GoldFormatException(file, line, "end", "span " + start + ".." + end + " is empty");
        }
        GoldRow.Verdict verdict = switch (f[13]) {
            case "" -> null;
            case "correct" -> GoldRow.Verdict.CORRECT;
            case "wrong" -> GoldRow.Verdict.WRONG;
            default -> throw new GoldFormatException(file, line, "verdict", "'" + f[13] + "' is not correct or wrong");
        };
        List<String> accept = Arrays.stream(f[14].split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        return new GoldRow(number(file, line, "id", f[0]), f[1], f[2], f[3], f[4], f[5], start, end, f[8], f[9],
                f[10], f[11], f[12], verdict, accept, f[15]);
    }

    private static int number(Path file, int line, String field, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new GoldFormatException(file, line, field, "'" + value + "' is not a number");
        }
    }

    /** Writes rows in the gold's format (tabs and line breaks inside a caption become spaces). */
    public static void write(Writer out, List<GoldRow> rows) throws IOException {
        out.write(String.join("\t", COLUMNS) + "\n");
        for (GoldRow r : rows) {
            String verdict = r.verdict() == null ? "" : r.verdict().name().toLowerCase(Locale.ROOT);
            List<String> fields = List.of(String.valueOf(r.id()), r.split(), r.stratum(), r.corpus(), r.imageId(),
                    r.caption(), String.valueOf(r.start()), String.valueOf(r.end()), r.surface(), r.lemma(), r.kind(),
                    r.tag(), r.rule(), verdict, String.join("|", r.accept()), r.reason());
            out.write(String.join("\t", fields.stream().map(GoldFile::oneLine).toList()) + "\n");
        }
    }

    static String oneLine(String field) {
        return field.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ').strip();
    }
}
