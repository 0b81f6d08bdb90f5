package io.tagforge.labelsystem.curation;

import io.tagforge.labelsystem.release.Release;
import io.tagforge.labelsystem.release.ReleaseEntry;
import io.tagforge.labelsystem.release.Releases;
import io.tagforge.labelsystem.tag.MergeChains;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The live vocabulary frozen into release entries, keeping a parent release's training IDs where it can. */
final class ReleaseSnapshot {

    private record LiveTag(String name, String nameZh, float threshold) {
    }

    private ReleaseSnapshot() {
    }

    static Release create(Connection c, String name, String parentName, String actor, String notes)
            throws SQLException {
        if (name == null || !name.matches("[A-Za-z0-9_.-]{1,100}")) {
            throw new CurationException("a release name has 1 to 100 letters, digits, '.', '_' or '-': \"" + name + "\"");
        }
        Map<Integer, LiveTag> live = liveTags(c);
        if (live.isEmpty()) {
            throw new CurationException("there is no live tag to release");
        }
        Set<Integer> order = new LinkedHashSet<>();
        Integer parentId = null;
        if (parentName != null) {
            Release parent = Releases.find(c, parentName)
                    .orElseThrow(() -> new CurationException("no release named \"" + parentName + "\""));
            parentId = parent.id();
            MergeChains merges = MergeChains.load(c);
            for (ReleaseEntry e : Releases.entries(c, parent.id())) {
                Integer tag = merges.firstOnChain(e.tagId(), live::containsKey);
                if (tag != null) {
                    order.add(tag);
                }
            }
        }
        order.addAll(live.keySet());
        List<ReleaseEntry> entries = new ArrayList<>(order.size());
        for (int tagId : order) {
            LiveTag tag = live.get(tagId);
            entries.add(new ReleaseEntry(entries.size(), tagId, tag.name(), tag.nameZh(), tag.threshold(), null));
        }
        Release release;
        try {
            release = Releases.insert(c, name, parentId, actor, notes, entries);
        } catch (IllegalArgumentException e) {
            throw new CurationException(e.getMessage());
        }
        // the curated mappings its captions were parsed with
        TagRecord.update(c, "INSERT INTO release_surface_mapping (release_id, surface, action, tag_name, sense_key) "
                + "SELECT ?, surface, action, tag_name, sense_key FROM surface_mapping", release.id());
        return release;
    }

    /** live tags by id, each with its first Chinese name */
    private static Map<Integer, LiveTag> liveTags(Connection c) throws SQLException {
        Map<Integer, LiveTag> live = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT t.id, t.name, (SELECT n.form FROM tag_name n WHERE n.tag_id = t.id AND n.language = 'zh'
                                      ORDER BY n.id LIMIT 1), t.threshold
                FROM tag t WHERE NOT t.deprecated AND t.merged_into IS NULL ORDER BY t.id""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                live.put(rs.getInt(1), new LiveTag(rs.getString(2), rs.getString(3), rs.getFloat(4)));
            }
        }
        return live;
    }
}
