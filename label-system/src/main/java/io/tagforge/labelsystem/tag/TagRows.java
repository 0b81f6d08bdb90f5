package io.tagforge.labelsystem.tag;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds or creates the tags of an imported list in a few set-based statements (a list has thousands of names).
 * A name matches a live tag (neither deprecated nor merged away) of the same name in any case; with a kind
 * given, only one of that kind.
 */
public final class TagRows {

    private record LiveTag(int id, TagKind kind) {
    }

    private final Connection connection;
    private final Map<String, List<LiveTag>> live = new HashMap<>();
    private int created;

    public TagRows(Connection connection) throws SQLException {
        this.connection = connection;
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT id, name, kind FROM tag WHERE NOT deprecated AND merged_into IS NULL ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                remember(rs.getInt(1), rs.getString(2), TagKind.ofCode(rs.getShort(3)));
            }
        }
    }

    /**
     * The tag id of each name, creating missing tags with the line's kind and threshold (null: the default).
     * {@code anyKind}: a name may match a tag of another kind (RAM's list has no kinds), objects first.
     */
    public int[] resolve(List<String> names, List<TagKind> kinds, float[] thresholds, boolean anyKind) throws SQLException {
        int[] ids = new int[names.size()];
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            ids[i] = find(names.get(i), kinds.get(i), anyKind);
            if (ids[i] == 0) {
                missing.add(i);
            }
        }
        insert(names, kinds, thresholds, missing);
        for (int i : missing) {
            ids[i] = find(names.get(i), kinds.get(i), false);
        }
        created += missing.size();
        return ids;
    }

    public int created() {
        return created;
    }

    /** The live tag named {@code name} (any case) of {@code kind}, or with {@code anyKind} of any kind; else 0. */
    public int find(String name, TagKind kind, boolean anyKind) {
        List<LiveTag> tags = live.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        for (LiveTag tag : tags) {
            if (tag.kind() == kind) {
                return tag.id();
            }
        }
        return anyKind && !tags.isEmpty() ? tags.get(0).id() : 0;
    }

    private void insert(List<String> names, List<TagKind> kinds, float[] thresholds, List<Integer> lines)
            throws SQLException {
        if (lines.isEmpty()) {
            return;
        }
        String[] name = new String[lines.size()];
        Short[] kind = new Short[lines.size()];
        Float[] threshold = new Float[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            int line = lines.get(i);
            name[i] = names.get(line);
            kind[i] = kinds.get(line).code();
            threshold[i] = thresholds == null ? null : thresholds[line];
        }
        try (PreparedStatement ps = connection.prepareStatement("""
                WITH new_tag AS (
                    INSERT INTO tag (name, kind, threshold)
                    SELECT n, k, coalesce(t, 0.68) FROM unnest(?::text[], ?::int2[], ?::real[]) AS u(n, k, t)
                    RETURNING id, name, kind),
                primary_name AS (
                    INSERT INTO tag_name (tag_id, form, language, source) SELECT id, name, 'en', 0 FROM new_tag)
                SELECT id, name, kind FROM new_tag""")) {
            ps.setArray(1, connection.createArrayOf("text", name));
            ps.setArray(2, connection.createArrayOf("int2", kind));
            ps.setArray(3, connection.createArrayOf("float4", threshold));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    remember(rs.getInt(1), rs.getString(2), TagKind.ofCode(rs.getShort(3)));
                }
            }
        }
    }

    private void remember(int id, String name, TagKind kind) {
        List<LiveTag> tags = live.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>());
        tags.add(new LiveTag(id, kind));
        tags.sort((a, b) -> a.kind() != b.kind() ? a.kind().compareTo(b.kind()) : Integer.compare(a.id(), b.id()));
    }

    /** Sets the thresholds of existing tags that differ, counting the change in their version. */
    public void updateThresholds(int[] ids, float[] thresholds) throws SQLException {
        Integer[] id = new Integer[ids.length];
        Float[] threshold = new Float[ids.length];
        for (int i = 0; i < ids.length; i++) {
            id[i] = ids[i];
            threshold[i] = thresholds[i];
        }
        try (PreparedStatement ps = connection.prepareStatement("""
                UPDATE tag SET threshold = u.t, version = version + 1, updated_at = now()
                FROM unnest(?::int[], ?::real[]) AS u(id, t)
                WHERE tag.id = u.id AND tag.threshold <> u.t""")) {
            ps.setArray(1, connection.createArrayOf("int4", id));
            ps.setArray(2, connection.createArrayOf("float4", threshold));
            ps.executeUpdate();
        }
    }

    /** Adds names (e.g. Chinese ones) as IMPORT names, skipping those a tag already has. */
    public void addNames(int[] ids, List<String> forms, String language) throws SQLException {
        addNames(ids, forms, language, NameSource.IMPORT);
    }

    /** Adds names of {@code source}, skipping those a tag already has. */
    public void addNames(int[] ids, List<String> forms, String language, NameSource source) throws SQLException {
        Integer[] id = new Integer[ids.length];
        String[] form = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            id[i] = ids[i];
            form[i] = forms.get(i).strip();
        }
        try (PreparedStatement ps = connection.prepareStatement("""
                INSERT INTO tag_name (tag_id, form, language, source)
                SELECT DISTINCT id, f, ?, ? FROM unnest(?::int[], ?::text[]) AS u(id, f)
                ON CONFLICT (tag_id, form, language) DO NOTHING""")) {
            ps.setString(1, language);
            ps.setShort(2, source.code());
            ps.setArray(3, connection.createArrayOf("int4", id));
            ps.setArray(4, connection.createArrayOf("text", form));
            ps.executeUpdate();
        }
    }
}
