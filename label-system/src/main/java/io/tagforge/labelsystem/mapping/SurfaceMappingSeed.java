package io.tagforge.labelsystem.mapping;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The curated surface mappings a new database starts with ({@code db/seed/surface-mappings.tsv}, schema data in
 * db-migrations: manual checks over WordNet, as RAM merged its vocabulary "with WordNet, translation and manual
 * checks"). Lines are
 * {@code surface<TAB>tag name} (the surface stands for the tag), {@code surface<TAB>-} (for no tag),
 * {@code surface<TAB>!tag name} (never for that tag) or {@code surface<TAB>@sense key} (pinned to that WordNet noun
 * sense); a comment line before a row is its note.
 */
public final class SurfaceMappingSeed {

    public record Row(String surface, MappingAction action, String tagName, String senseKey, String note) {
    }

    private SurfaceMappingSeed() {
    }

    /**
     * The first seed (V51), the blocks measured on COCO val2017 (V52) and those of rounds 4 and 5 (V94, V95), in the
     * order they were added.
     */
    public static final String FIRST = "db/seed/surface-mappings.tsv";
    public static final String MEASURED = "db/seed/surface-mappings-measured.tsv";
    public static final String ROUND_4 = "db/seed/surface-mappings-round4.tsv";
    public static final String ROUND_5 = "db/seed/surface-mappings-round5.tsv";

    /** Inserts the whole seed into surface_mapping (tests that empty the tables). */
    public static void insert(Connection c) throws SQLException {
        insert(c, rows());
    }

    /** Inserts one seed file's rows (the migration that added it). */
    public static void insert(Connection c, String file) throws SQLException {
        insert(c, rows(file));
    }

    private static void insert(Connection c, List<Row> rows) throws SQLException {
        // the migrations of the files without pins run before V91 adds the sense_key column
        boolean pins = rows.stream().anyMatch(r -> r.action() == MappingAction.PIN);
        try (PreparedStatement ps = c.prepareStatement(pins
                ? "INSERT INTO surface_mapping (surface, action, tag_name, note, sense_key) VALUES (?, ?, ?, ?, ?)"
                : "INSERT INTO surface_mapping (surface, action, tag_name, note) VALUES (?, ?, ?, ?)")) {
            for (Row row : rows) {
                ps.setString(1, row.surface());
                ps.setShort(2, row.action().code());
                ps.setString(3, row.tagName());
                ps.setString(4, row.note());
                if (pins) {
                    ps.setString(5, row.senseKey());
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Every seed row, as a new database has them after its migrations. */
    public static List<Row> rows() {
        List<Row> rows = new ArrayList<>(rows(FIRST));
        rows.addAll(rows(MEASURED));
        rows.addAll(rows(ROUND_4));
        rows.addAll(rows(ROUND_5));
        return rows;
    }

    private static List<Row> rows(String file) {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                SurfaceMappingSeed.class.getClassLoader().getResourceAsStream(file), StandardCharsets.UTF_8))) {
            StringBuilder note = new StringBuilder();
            String line;
            for (int number = 1; (line = in.readLine()) != null; number++) {
                if (line.startsWith("#")) {
                    note.append(note.isEmpty() ? "" : " ").append(line.substring(1).strip());
                    continue;
                }
                if (line.isBlank()) {
                    note.setLength(0);
                    continue;
                }
                String[] cols = line.split("\t");
                if (cols.length != 2 || cols[0].isBlank() || cols[1].isBlank()) {
                    throw new IllegalStateException(file + ":" + number + ": expected surface<TAB>tag name, -, !tag or @sense key");
                }
                String surface = cols[0].strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
                String target = cols[1].strip();
                String text = note.isEmpty() ? null : note.toString();
                if (target.equals("-")) {
                    rows.add(new Row(surface, MappingAction.BLOCK, null, null, text));
                } else if (target.startsWith("!")) {
                    rows.add(new Row(surface, MappingAction.BLOCK, target.substring(1).strip(), null, text));
                } else if (target.startsWith("@")) {
                    rows.add(new Row(surface, MappingAction.PIN, null, target.substring(1).strip(), text));
                } else {
                    rows.add(new Row(surface, MappingAction.ADD, target, null, text));
                }
                note.setLength(0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
