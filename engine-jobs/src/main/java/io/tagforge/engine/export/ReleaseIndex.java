package io.tagforge.engine.export;

import io.tagforge.labelsystem.error.TagforgeException;
import io.tagforge.labelsystem.release.Release;
import io.tagforge.labelsystem.release.ReleaseEntry;
import io.tagforge.labelsystem.release.Releases;
import io.tagforge.labelsystem.tag.MergeChains;
import java.sql.Connection;
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

    private final int releaseId;
    private final String name;
    private final List<ReleaseEntry> entries;
    private final int[] idxByTag;
    private final MergeChains merges;
    private final Map<Integer, Integer> idxByMergedTag = new HashMap<>();

    private ReleaseIndex(int releaseId, String name, List<ReleaseEntry> entries, int[] idxByTag, MergeChains merges) {
        this.releaseId = releaseId;
        this.name = name;
        this.entries = entries;
        this.idxByTag = idxByTag;
        this.merges = merges;
    }

    static ReleaseIndex load(Connection c, String releaseName) throws SQLException {
        Release release = Releases.find(c, releaseName)
                .orElseThrow(() -> new TagforgeException("release: no release named \"" + releaseName + "\""));
        List<ReleaseEntry> entries = Releases.entries(c, release.id());
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).index() != i) {
                throw new TagforgeException("release \"" + releaseName + "\" has no tag at index " + i
                        + ": training IDs must run from 0 without gaps");
            }
        }
        if (entries.isEmpty()) {
            throw new TagforgeException("release \"" + releaseName + "\" has no tags");
        }
        return new ReleaseIndex(release.id(), releaseName, List.copyOf(entries), idxByTag(entries),
                MergeChains.load(c));
    }

    private static int[] idxByTag(List<ReleaseEntry> entries) {
        int[] idx = new int[entries.stream().mapToInt(ReleaseEntry::tagId).max().orElse(0) + 1];
        Arrays.fill(idx, -1);
        for (ReleaseEntry e : entries) {
            idx[e.tagId()] = e.index();
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
        int direct = direct(tagId);
        return direct >= 0 ? direct : idxByMergedTag.computeIfAbsent(tagId, t -> {
            Integer target = merges.firstOnChain(t, candidate -> direct(candidate) >= 0);
            return target == null ? -1 : direct(target);
        });
    }

    private int direct(int tagId) {
        return tagId >= 0 && tagId < idxByTag.length ? idxByTag[tagId] : -1;
    }
}
