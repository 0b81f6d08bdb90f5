package io.tagforge.labelsystem.ramformat;

import io.tagforge.labelsystem.release.Release;
import io.tagforge.labelsystem.release.ReleaseEntry;
import io.tagforge.labelsystem.release.Releases;
import io.tagforge.labelsystem.release.UnknownReleaseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * A release as RAM's three tag-list files, and {@value #DETECTABLE_FILE} beside them when the release froze
 * which tags a detector can box (a line per training ID, 1 or 0, as the threshold file has a line per ID). A release imported from RAM's files gives them back byte for byte
 * (names, Chinese names and threshold spellings as imported, each file's line endings); any other release is
 * written as RAM writes its own: an untranslated tag's Chinese line is its English name (RAM's loader needs a
 * line per ID) and thresholds are shortest decimals.
 */
public final class RamTagListExport {

    public static final String DETECTABLE_FILE = "tag_list_detectable.txt";

    private final DataSource dataSource;

    public RamTagListExport(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The files' names and bytes, RAM's three in the order RAM lists them, then the detectable list. */
    public Map<String, byte[]> files(String releaseName) {
        try (Connection c = dataSource.getConnection()) {
            Release release = Releases.find(c, releaseName).orElseThrow(() -> new UnknownReleaseException(releaseName));
            List<ReleaseEntry> entries = Releases.entries(c, release.id());
            Map<String, LineFormat> formats = formats(c, release.id());
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put(RamTagList.NAMES_FILE, render(entries, ReleaseEntry::name,
                    formats.getOrDefault(RamTagList.NAMES_FILE, RamTagList.NAMES_FORMAT)));
            files.put(RamTagList.CHINESE_FILE, render(entries, e -> e.nameZh() != null ? e.nameZh() : e.name(),
                    formats.getOrDefault(RamTagList.CHINESE_FILE, RamTagList.CHINESE_FORMAT)));
            files.put(RamTagList.THRESHOLDS_FILE, render(entries, ReleaseEntry::thresholdLine,
                    formats.getOrDefault(RamTagList.THRESHOLDS_FILE, RamTagList.THRESHOLDS_FORMAT)));
            List<Boolean> detectable = detectable(c, release.id());
            if (detectable.stream().anyMatch(d -> d != null)) {
                StringBuilder lines = new StringBuilder();
                detectable.forEach(d -> lines.append(Boolean.TRUE.equals(d) ? "1\n" : "0\n"));
                files.put(DETECTABLE_FILE, lines.toString().getBytes(StandardCharsets.UTF_8));
            }
            return files;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read release " + releaseName + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the files into {@code dir} (created when missing), each through a temporary file renamed
     * into place, and returns their paths.
     */
    public List<Path> write(String releaseName, Path dir) {
        Map<String, byte[]> files = files(releaseName);
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path target = dir.resolve(file.getKey());
                Path temporary = Files.createTempFile(dir, file.getKey(), ".tmp");
                Files.write(temporary, file.getValue());
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                written.add(target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write release " + releaseName + " to " + dir + ": "
                    + e.getMessage(), e);
        }
        return written;
    }

    private static List<Boolean> detectable(Connection c, int releaseId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT detectable FROM release_tag WHERE release_id = ? "
                + "ORDER BY idx")) {
            ps.setInt(1, releaseId);
            List<Boolean> values = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add((Boolean) rs.getObject(1));
                }
            }
            return values;
        }
    }

    private static byte[] render(List<ReleaseEntry> entries, Function<ReleaseEntry, String> line, LineFormat format) {
        return TextLines.bytes(entries.stream().map(line).toList(), format);
    }

    /** Records how an imported release's files were laid out, to write them back the same way. */
    static void saveFormats(Connection c, int releaseId, LineFormat names, LineFormat chinese, LineFormat thresholds)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO release_file_format "
                + "(release_id, file, line_separator, final_newline) VALUES (?, ?, ?, ?)")) {
            Map<String, LineFormat> formats = Map.of(RamTagList.NAMES_FILE, names, RamTagList.CHINESE_FILE, chinese,
                    RamTagList.THRESHOLDS_FILE, thresholds);
            for (Map.Entry<String, LineFormat> f : formats.entrySet()) {
                ps.setInt(1, releaseId);
                ps.setString(2, f.getKey());
                ps.setString(3, f.getValue().lineSeparator());
                ps.setBoolean(4, f.getValue().finalNewline());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static Map<String, LineFormat> formats(Connection c, int releaseId) throws SQLException {
        Map<String, LineFormat> formats = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT file, line_separator, final_newline FROM release_file_format WHERE release_id = ?")) {
            ps.setInt(1, releaseId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    formats.put(rs.getString(1), new LineFormat(rs.getString(2), rs.getBoolean(3)));
                }
            }
        }
        return formats;
    }
}
