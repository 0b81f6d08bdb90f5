package io.tagforge.labelsystem.ramformat;

import io.tagforge.labelsystem.release.Release;
import io.tagforge.labelsystem.release.ReleaseEntry;
import io.tagforge.labelsystem.release.Releases;
import io.tagforge.labelsystem.tag.TagKind;
import io.tagforge.labelsystem.tag.TagRows;
import io.tagforge.labelsystem.transaction.Transactions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Imports tag-list files into tags, names and a release, all in one transaction: a file that fails any check
 * imports nothing. Names that match live tags reuse them, so importing RAM's list after Tag2Text's (or twice,
 * under two release names) shares the tags.
 */
public final class TagListImport {

    /** What an import did. */
    public record Result(Release release, int tags, int created) {
    }

    private final Transactions transactions;
    private final String actor;

    public TagListImport(Transactions transactions, String actor) {
        this.transactions = transactions;
        this.actor = actor;
    }

    /**
     * RAM's three files from {@code dir}: tags (OBJECT_SCENE when new; RAM does not give kinds) with the file's
     * thresholds, Chinese names as language "zh", and a release holding every line exactly as written.
     */
    public Result importRam(Path dir, String releaseName) {
        RamTagList list = RamTagList.read(dir);
        int n = list.size();
        float[] thresholds = new float[n];
        for (int i = 0; i < n; i++) {
            thresholds[i] = list.threshold(i);
        }
        return inTransaction(releaseName, dir, c -> {
            TagRows rows = new TagRows(c);
            int[] ids = rows.resolve(list.names().lines(), Collections.nCopies(n, TagKind.OBJECT_SCENE), thresholds, true);
            rows.updateThresholds(ids, thresholds);
            rows.addNames(ids, list.chinese(), "zh");
            List<ReleaseEntry> entries = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                entries.add(new ReleaseEntry(i, ids[i], list.names().lines().get(i), list.chinese().get(i),
                        thresholds[i], list.thresholds().lines().get(i)));
            }
            Release release = Releases.insert(c, releaseName, null, actor, "imported from " + dir, entries);
            RamTagListExport.saveFormats(c, release.id(), list.names().format(), list.chineseNames().format(),
                    list.thresholds().format());
            return new Result(release, n, rows.created());
        });
    }

    /** Tag2Text's list with its kinds, and a release in its order (default thresholds, no Chinese names). */
    public Result importTag2Text(Path file, String releaseName) {
        Tag2TextTagList list = Tag2TextTagList.read(file);
        return inTransaction(releaseName, file, c -> {
            TagRows rows = new TagRows(c);
            int[] ids = rows.resolve(list.names().lines(), list.kinds(), null, false);
            List<ReleaseEntry> entries = new ArrayList<>(ids.length);
            float[] thresholds = thresholds(c, ids);
            for (int i = 0; i < ids.length; i++) {
                entries.add(new ReleaseEntry(i, ids[i], list.names().lines().get(i), null, thresholds[i], null));
            }
            Release release = Releases.insert(c, releaseName, null, actor, "imported from " + file, entries);
            RamTagListExport.saveFormats(c, release.id(), list.names().format(), RamTagList.CHINESE_FORMAT,
                    RamTagList.THRESHOLDS_FORMAT);
            return new Result(release, ids.length, rows.created());
        });
    }

    private Result inTransaction(String releaseName, Path source, Transactions.Work<Result> work) {
        return transactions.run("importing " + source + " as release " + releaseName + " failed", c -> {
            Result result = work.run(c);
            audit(c, result, source);
            return result;
        });
    }

    private static float[] thresholds(Connection c, int[] ids) throws SQLException {
        float[] thresholds = new float[ids.length];
        Integer[] boxed = new Integer[ids.length];
        for (int i = 0; i < ids.length; i++) {
            boxed[i] = ids[i];
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT u.ord, t.threshold FROM unnest(?::int[]) "
                + "WITH ORDINALITY AS u(id, ord) JOIN tag t ON t.id = u.id")) {
            ps.setArray(1, c.createArrayOf("int4", boxed));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    thresholds[(int) rs.getLong(1) - 1] = rs.getFloat(2);
                }
            }
        }
        return thresholds;
    }

    private void audit(Connection c, Result result, Path source) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (actor, action, entity_type, entity_id, "
                + "after) VALUES (?, 'import-tag-list', 'release', ?, jsonb_build_object('source', ?::text, "
                + "'release', ?::text, 'tags', ?::int, 'created', ?::int))")) {
            ps.setString(1, actor);
            ps.setString(2, Integer.toString(result.release().id()));
            ps.setString(3, source.toString());
            ps.setString(4, result.release().name());
            ps.setInt(5, result.tags());
            ps.setInt(6, result.created());
            ps.executeUpdate();
        }
    }
}
