package io.tagforge.labelsystem.builder;

import io.tagforge.labelsystem.tag.NameSource;
import io.tagforge.labelsystem.tag.TagKind;
import io.tagforge.labelsystem.tag.TagRows;
import io.tagforge.labelsystem.transaction.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a {@link BuildPlan} in one transaction: a proposed tag whose names match no live tag becomes a tag
 * (its other names WORDNET synonyms); one that matches a live tag adds its names to it; one that matches
 * several live tags merges nothing on its own and proposes the merges instead. Weak links become synonym
 * proposals, except for pairs already proposed or rejected.
 */
public final class BuildWriter {

    /** What applying a plan did. */
    public record Result(int tagsCreated, int tagsExtended, int namesAdded, int proposals) {
    }

    private final Transactions transactions;
    private final String actor;

    public BuildWriter(Transactions transactions, String actor) {
        this.transactions = transactions;
        this.actor = actor;
    }

    public Result apply(BuildPlan plan) {
        return transactions.run("writing the vocabulary build failed", c -> {
            TagRows rows = new TagRows(c);
            Map<String, Integer> tagOf = new HashMap<>();
            List<String> newNames = new ArrayList<>();
            List<TagKind> newKinds = new ArrayList<>();
            List<Object[]> proposals = new ArrayList<>();
            int extended = 0;
            for (BuildPlan.ProposedTag tag : plan.tags()) {
                Set<Integer> existing = new LinkedHashSet<>();
                for (String name : tag.names()) {
                    int id = rows.find(name, tag.kind(), false);
                    if (id != 0) {
                        existing.add(id);
                    }
                }
                if (existing.isEmpty()) {
                    newNames.add(tag.name());
                    newKinds.add(tag.kind());
                    continue;
                }
                int target = existing.iterator().next();
                tagOf.put(key(tag.name(), tag.kind()), target);
                extended++;
                for (int other : existing) {
                    if (other != target) {
                        proposals.add(new Object[] {target, other, tag.evidence(), 1f});
                    }
                }
            }
            int[] created = rows.resolve(newNames, newKinds, null, false);
            for (int i = 0; i < created.length; i++) {
                tagOf.put(key(newNames.get(i), newKinds.get(i)), created[i]);
            }
            List<Integer> nameTags = new ArrayList<>();
            List<String> forms = new ArrayList<>();
            for (BuildPlan.ProposedTag tag : plan.tags()) {
                int id = tagOf.get(key(tag.name(), tag.kind()));
                for (String name : tag.names()) {
                    int owner = rows.find(name, tag.kind(), false);
                    if (owner == 0 || owner == id) {
                        nameTags.add(id);
                        forms.add(name);
                    }
                }
            }
            int namesBefore = count(c, "SELECT count(*) FROM tag_name");
            rows.addNames(nameTags.stream().mapToInt(Integer::intValue).toArray(), forms, "en", NameSource.WORDNET);
            int namesAdded = count(c, "SELECT count(*) FROM tag_name") - namesBefore;
            for (BuildPlan.WeakLink link : plan.links()) {
                Integer from = tagOf.get(key(link.from(), link.kind()));
                Integer to = tagOf.get(key(link.to(), link.kind()));
                if (from != null && to != null && !from.equals(to)) {
                    proposals.add(new Object[] {to, from, link.evidence(), link.confidence()});
                }
            }
            int proposed = propose(c, proposals);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (actor, action, entity_type, after) "
                    + "VALUES (?, 'vocab-build', 'vocabulary', jsonb_build_object('created', ?::int, 'extended', "
                    + "?::int, 'names', ?::int, 'proposals', ?::int))")) {
                ps.setString(1, actor);
                ps.setInt(2, created.length);
                ps.setInt(3, extended);
                ps.setInt(4, namesAdded);
                ps.setInt(5, proposed);
                ps.executeUpdate();
            }
            return new Result(created.length, extended, namesAdded, proposed);
        });
    }

    /** inserts proposals (target, source, evidence, confidence) unless that pair is already proposed or rejected */
    private static int propose(Connection c, List<Object[]> proposals) throws SQLException {
        int inserted = 0;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO synonym_proposal (target_tag, source_tag, evidence, confidence)
                SELECT ?, ?, coalesce(?::jsonb, '{}'::jsonb), ?
                WHERE NOT EXISTS (SELECT 1 FROM synonym_proposal p WHERE p.state <> 'ACCEPTED'
                    AND ((p.target_tag = ? AND p.source_tag = ?) OR (p.target_tag = ? AND p.source_tag = ?)))""")) {
            for (Object[] p : proposals) {
                ps.setInt(1, (Integer) p[0]);
                ps.setInt(2, (Integer) p[1]);
                ps.setString(3, (String) p[2]);
                ps.setFloat(4, (Float) p[3]);
                ps.setInt(5, (Integer) p[0]);
                ps.setInt(6, (Integer) p[1]);
                ps.setInt(7, (Integer) p[1]);
                ps.setInt(8, (Integer) p[0]);
                inserted += ps.executeUpdate();
            }
        }
        return inserted;
    }

    private static int count(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); var rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String key(String name, TagKind kind) {
        return kind.code() + ":" + name;
    }
}
