package io.tagforge.labelsystem.release;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads releases and their entries (through their entities); writes a new release's rows inside a caller's
 * transaction, and reads them there, with JDBC.
 */
@Service
@Transactional(readOnly = true)
public class Releases {

    private static final String RELEASE_COLUMNS = "id, name, parent_id, created_by, created_at, notes";

    private final ReleaseRepository releases;
    private final ReleaseTagRepository entries;

    Releases(ReleaseRepository releases, ReleaseTagRepository entries) {
        this.releases = releases;
        this.entries = entries;
    }

    public Optional<Release> find(String name) {
        return releases.findByName(name).map(ReleaseEntity::toRelease);
    }

    /** Every release, oldest first. */
    public List<Release> list() {
        return releases.findAllByOrderById().stream().map(ReleaseEntity::toRelease).toList();
    }

    /** The entries of the named release by training ID. */
    public List<ReleaseEntry> entries(String name) {
        Release release = find(name).orElseThrow(() -> new UnknownReleaseException(name));
        return entries.findByReleaseIdOrderByIdx(release.id()).stream().map(ReleaseTagEntity::toEntry).toList();
    }

    public static Optional<Release> find(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + RELEASE_COLUMNS + " FROM release WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(release(rs)) : Optional.empty();
            }
        }
    }

    public static List<ReleaseEntry> entries(Connection c, int releaseId) throws SQLException {
        List<ReleaseEntry> entries = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT idx, tag_id, name, name_zh, threshold, threshold_text "
                + "FROM release_tag WHERE release_id = ? ORDER BY idx")) {
            ps.setInt(1, releaseId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new ReleaseEntry(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                            rs.getFloat(5), rs.getString(6)));
                }
            }
        }
        return entries;
    }

    /**
     * Inserts a release and its entries (indexes must run 0, 1, 2...) with the caller's connection, so that it
     * commits with whatever else the caller writes. Fails when the name is taken.
     */
    public static Release insert(Connection c, String name, Integer parentId, String actor, String notes,
                                 List<ReleaseEntry> entries) throws SQLException {
        if (find(c, name).isPresent()) {
            throw new IllegalArgumentException("release \"" + name + "\" already exists");
        }
        Release release;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO release (name, parent_id, created_by, notes) "
                + "VALUES (?, ?, ?, ?) RETURNING " + RELEASE_COLUMNS)) {
            ps.setString(1, name);
            ps.setObject(2, parentId);
            ps.setString(3, actor);
            ps.setString(4, notes);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                release = release(rs);
            }
        }
        int n = entries.size();
        Integer[] index = new Integer[n];
        Integer[] tag = new Integer[n];
        String[] names = new String[n];
        String[] zh = new String[n];
        Float[] threshold = new Float[n];
        String[] thresholdText = new String[n];
        for (int i = 0; i < n; i++) {
            ReleaseEntry e = entries.get(i);
            if (e.index() != i) {
                throw new IllegalArgumentException("release entries must be numbered 0.." + (n - 1) + ", got "
                        + e.index() + " at position " + i);
            }
            index[i] = e.index();
            tag[i] = e.tagId();
            names[i] = e.name();
            zh[i] = e.nameZh();
            threshold[i] = e.threshold();
            thresholdText[i] = e.thresholdText();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO release_tag "
                + "(release_id, idx, tag_id, name, name_zh, threshold, threshold_text) "
                + "SELECT ?, * FROM unnest(?::int[], ?::int[], ?::text[], ?::text[], ?::real[], ?::text[])")) {
            ps.setInt(1, release.id());
            ps.setArray(2, c.createArrayOf("int4", index));
            ps.setArray(3, c.createArrayOf("int4", tag));
            ps.setArray(4, c.createArrayOf("text", names));
            ps.setArray(5, c.createArrayOf("text", zh));
            ps.setArray(6, c.createArrayOf("float4", threshold));
            ps.setArray(7, c.createArrayOf("text", thresholdText));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE release_tag r SET detectable = t.detectable "
                + "FROM tag t WHERE r.release_id = ? AND t.id = r.tag_id")) {
            ps.setInt(1, release.id());
            ps.executeUpdate();
        }
        return release;
    }

    private static Release release(ResultSet rs) throws SQLException {
        Timestamp created = rs.getTimestamp(5);
        return new Release(rs.getInt(1), rs.getString(2), (Integer) rs.getObject(3), rs.getString(4),
                created.toInstant(), rs.getString(6));
    }
}
