package io.tagforge.labelsystem.release;

import io.tagforge.labelsystem.tag.MergeChains;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * What changed from release A to release B, tag by tag: tags added and removed, tags of A merged into a tag of
 * B, and for tags in both a new training ID, name, Chinese name or threshold.
 */
public record ReleaseDiff(String from, String to, int fromSize, int toSize, List<Change> changes) {

    public enum Kind { ADDED, REMOVED, MERGED, MOVED, RENAMED, TRANSLATED, THRESHOLD }

    /** One difference; {@code before}/{@code after} are null where the tag is absent. */
    public record Change(Kind kind, int tagId, ReleaseEntry before, ReleaseEntry after) {

        /** one readable line, such as {@code ~ couch: index 1141 → 12} */
        public String describe() {
            return switch (kind) {
                case ADDED -> "+ " + after.name() + " (tag " + tagId + ") at index " + after.index();
                case REMOVED -> "- " + before.name() + " (tag " + tagId + ") from index " + before.index();
                case MERGED -> "> " + before.name() + " (tag " + tagId + ") merged into " + after.name() + " (tag "
                        + after.tagId() + ", index " + after.index() + ")";
                case MOVED -> "~ " + after.name() + ": index " + before.index() + " → " + after.index();
                case RENAMED -> "~ " + before.name() + ": renamed " + after.name();
                case TRANSLATED -> "~ " + after.name() + ": zh " + before.nameZh() + " → " + after.nameZh();
                case THRESHOLD -> "~ " + after.name() + ": threshold " + before.thresholdLine() + " → "
                        + after.thresholdLine();
            };
        }
    }

    public static ReleaseDiff between(DataSource dataSource, String from, String to) {
        try (Connection c = dataSource.getConnection()) {
            Release a = Releases.find(c, from).orElseThrow(() -> new UnknownReleaseException(from));
            Release b = Releases.find(c, to).orElseThrow(() -> new UnknownReleaseException(to));
            return compare(from, to, Releases.entries(c, a.id()), Releases.entries(c, b.id()), MergeChains.load(c));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot compare releases " + from + " and " + to + ": " + e.getMessage(), e);
        }
    }

    static ReleaseDiff compare(String from, String to, List<ReleaseEntry> a, List<ReleaseEntry> b,
                               MergeChains merges) {
        Map<Integer, ReleaseEntry> inA = byTag(a);
        Map<Integer, ReleaseEntry> inB = byTag(b);
        List<Change> changes = new ArrayList<>();
        for (ReleaseEntry before : a) {
            ReleaseEntry after = inB.get(before.tagId());
            if (after == null) {
                Integer targetTag = merges.firstOnChain(before.tagId(), inB::containsKey);
                ReleaseEntry target = targetTag == null ? null : inB.get(targetTag);
                changes.add(target != null ? new Change(Kind.MERGED, before.tagId(), before, target)
                        : new Change(Kind.REMOVED, before.tagId(), before, null));
                continue;
            }
            if (before.index() != after.index()) {
                changes.add(new Change(Kind.MOVED, before.tagId(), before, after));
            }
            if (!before.name().equals(after.name())) {
                changes.add(new Change(Kind.RENAMED, before.tagId(), before, after));
            }
            if (!Objects.equals(before.nameZh(), after.nameZh())) {
                changes.add(new Change(Kind.TRANSLATED, before.tagId(), before, after));
            }
            if (!before.thresholdLine().equals(after.thresholdLine())) {
                changes.add(new Change(Kind.THRESHOLD, before.tagId(), before, after));
            }
        }
        for (ReleaseEntry after : b) {
            if (!inA.containsKey(after.tagId())) {
                changes.add(new Change(Kind.ADDED, after.tagId(), null, after));
            }
        }
        return new ReleaseDiff(from, to, a.size(), b.size(), List.copyOf(changes));
    }

    public long count(Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).count();
    }

    /** e.g. {@code ram-4585 (4585 tags) → v2 (4580 tags): 3 added, 8 removed, 2 merged, ...} */
    public String summary() {
        StringBuilder s = new StringBuilder(from + " (" + fromSize + " tags) → " + to + " (" + toSize + " tags): ");
        for (Kind kind : Kind.values()) {
            s.append(kind == Kind.ADDED ? "" : ", ").append(count(kind)).append(' ').append(kind.name().toLowerCase());
        }
        return s.toString();
    }

    private static Map<Integer, ReleaseEntry> byTag(List<ReleaseEntry> entries) {
        Map<Integer, ReleaseEntry> map = new HashMap<>();
        entries.forEach(e -> map.put(e.tagId(), e));
        return map;
    }
}
