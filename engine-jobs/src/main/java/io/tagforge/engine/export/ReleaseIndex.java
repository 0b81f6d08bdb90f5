package io.tagforge.engine.export;

import io.tagforge.engine.cli.UserException;
import io.tagforge.labelsystem.release.Release;
import io.tagforge.labelsystem.release.ReleaseEntry;
import io.tagforge.labelsystem.release.Releases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A release's ID space: entry {@code idx} is training ID {@code idx}, RAM's {@code class_num} is the entry count.
 * A tag merged into another after the release counts as the tag it was merged into.
 */
final class ReleaseIndex {

    private static final int MAX_MERGE_CHAIN = 64;

    private final int releaseId;
    private final String name;
    private final List<ReleaseEntry> entries;
    private final int[] idxByTag;

    private ReleaseIndex(int releaseId, String name, List<ReleaseEntry> entries, int[] idxByTag) {
        this.releaseId = releaseId;
        this.name = name;
        this.entries = entries;
        this.idxByTag = idxByTag;
    }

    static ReleaseIndex load(Connection c, String releaseName) throws SQLException {
        Release release = Releases.find(c, releaseName)
                .orElseThrow(() -> new UserException("--release: no release named \"" + releaseName + "\""));
        List<ReleaseEntry> entries = Releases.entries(c, release.id());
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).index() != i) {
                throw new UserException("release \"" + releaseName + "\" has no tag at index " + i
                        + ": training IDs must run from 0 without gaps");
            }
        }
        if (entries.isEmpty()) {
            throw new UserException("release \"" + releaseName + "\" has no tags");
        }
        return new ReleaseIndex(release.id(), releaseName, List.copyOf(entries), idxByTag(c, entries));
    }

    private static int[] idxByTag(Connection c, List<ReleaseEntry> entries) throws SQLException {
        Map<Integer, Integer> mergedInto = new HashMap<>();
        int maxTag = entries.stream().mapToInt(ReleaseEntry::tagId).max().orElse(0);
        try (PreparedStatement ps = c.prepareStatement("SELECT id, merged_into FROM tag WHERE merged_into IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                mergedInto.put(rs.getInt(1), rs.getInt(2));
                maxTag = Math.max(maxTag, rs.getInt(1));
            }
        }
        int[] idx = new int[maxTag + 1];
        Arrays.fill(idx, -1);
        for (ReleaseEntry e : entries) {
            idx[e.tagId()] = e.index();
        }
        for (int tag : mergedInto.keySet()) {
            if (idx[tag] < 0) {
                Integer target = mergedInto.get(tag);
                for (int hop = 0; target != null && hop < MAX_MERGE_CHAIN; hop++) {
                    if (target < idx.length && idx[target] >= 0) {
                        idx[tag] = idx[target];
                        break;
                    }
                    target = mergedInto.get(target);
                }
            }
        }
        return idx;
    }

    int releaseId() {
        return releaseId;
    }

    String name() {
        return name;
    }

    List<ReleaseEntry> entries() {
        return entries;
    }

    /** RAM's class_num. */
    int size() {
        return entries.size();
    }

    /** The training ID of a tag, or -1 when the release does not hold it. */
    int idOf(int tagId) {
        return tagId >= 0 && tagId < idxByTag.length ? idxByTag[tagId] : -1;
    }
}
