package io.tagforge.labelsystem.curation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagforge.labelsystem.mapping.MappingAction;
import io.tagforge.labelsystem.release.Release;
import io.tagforge.labelsystem.release.Releases;
import io.tagforge.labelsystem.tag.NameSource;
import io.tagforge.labelsystem.tag.Tag;
import io.tagforge.labelsystem.tag.TagKind;
import io.tagforge.labelsystem.tag.Tags;
import io.tagforge.labelsystem.transaction.Transactions;
import io.tagforge.labelsystem.vocabulary.SurfaceKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The curator's changes to the vocabulary. Each runs in one transaction, writes an audit_log entry (who, when,
 * the state before and after) and can be undone with {@link #undo}. Tag changes take the version the curator
 * saw: when someone changed the tag since, nothing is written and a {@link ConcurrentEditException} says so.
 * Methods return the tag's new version. A plain service: give it the transactions and who is acting; its writes join the caller's transaction.
 */
public final class Curation {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Transactions transactions;
    private final String actor;

    public Curation(Transactions transactions, String actor) {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("curation needs the name of who is acting");
        }
        this.transactions = transactions;
        this.actor = actor;
    }

    public int rename(int tagId, int expectedVersion, String newName) {
        String name = checkedName(newName);
        return editTag("rename", tagId, expectedVersion, (c, tag) -> {
            requireFreeName(c, name, tag.kind(), tagId);
            TagRecord.update(c, "DELETE FROM tag_name WHERE tag_id = ? AND form = ? AND language = 'en' AND source <> 0",
                    tagId, name);
            TagRecord.update(c, "UPDATE tag_name SET form = ? WHERE tag_id = ? AND source = 0 AND language = 'en'",
                    name, tagId);
            TagRecord.update(c, "UPDATE tag SET name = ? WHERE id = ?", name, tagId);
        });
    }

    public int addSynonym(int tagId, int expectedVersion, String form, String language) {
        return editTag("add-synonym", tagId, expectedVersion, addName(checkedName(form), language(language),
                NameSource.MANUAL));
    }

    private static TagEdit addName(String form, String language, NameSource source) {
        return (c, tag) -> {
            if (TagRecord.update(c, "INSERT INTO tag_name (tag_id, form, language, source) VALUES (?, ?, ?, ?) "
                    + "ON CONFLICT DO NOTHING", tag.id(), form, language, source.code()) == 0) {
                throw new CurationException("tag " + tag.name() + " already has the name \"" + form + "\" (" + language + ")");
            }
        };
    }

    public int removeSynonym(int tagId, int expectedVersion, String form, String language) {
        return editTag("remove-synonym", tagId, expectedVersion, (c, tag) -> {
            if (TagRecord.update(c, "DELETE FROM tag_name WHERE tag_id = ? AND form = ? AND language = ? AND source <> 0",
                    tagId, form, language) == 0) {
                throw new CurationException("tag " + tag.name() + " has no synonym \"" + form + "\" (" + language
                        + "); its primary name changes by renaming");
            }
        });
    }

    public int setThreshold(int tagId, int expectedVersion, float threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new CurationException("a threshold lies between 0 and 1, got " + threshold);
        }
        return editTag("set-threshold", tagId, expectedVersion,
                (c, tag) -> TagRecord.update(c, "UPDATE tag SET threshold = ? WHERE id = ?", threshold, tagId));
    }

    /** Whether a detector can box the tag: cleaning takes detectable tags unless told which. */
    public int setDetectable(int tagId, int expectedVersion, boolean detectable) {
        return editTag("set-detectable", tagId, expectedVersion,
                (c, tag) -> TagRecord.update(c, "UPDATE tag SET detectable = ? WHERE id = ?", detectable, tagId));
    }

    public int setDescription(int tagId, int expectedVersion, String description) {
        String text = description == null || description.isBlank() ? null : description.strip();
        return editTag("set-description", tagId, expectedVersion,
                (c, tag) -> TagRecord.update(c, "UPDATE tag SET description = ? WHERE id = ?", text, tagId));
    }

    /** Makes {@code form} the tag's one name in {@code language} (e.g. "zh"), replacing earlier ones. */
    public int setTranslation(int tagId, int expectedVersion, String language, String form) {
        String lang = language(language);
        if (lang.equals("en")) {
            throw new CurationException("English names are the primary name and synonyms, not a translation");
        }
        String name = checkedName(form);
        return editTag("set-translation", tagId, expectedVersion, (c, tag) -> {
            TagRecord.update(c, "DELETE FROM tag_name WHERE tag_id = ? AND language = ?", tagId, lang);
            TagRecord.update(c, "INSERT INTO tag_name (tag_id, form, language, source) VALUES (?, ?, ?, 2)",
                    tagId, name, lang);
        });
    }

    /** Takes the tag out of the vocabulary; its assignments stay (merge moves them elsewhere). */
    public int deprecate(int tagId, int expectedVersion) {
        return editTag("deprecate", tagId, expectedVersion, (c, tag) -> {
            if (tag.deprecated()) {
                throw new CurationException("tag " + tag.name() + " is already deprecated");
            }
            TagRecord.update(c, "UPDATE tag SET deprecated = true WHERE id = ?", tagId);
        });
    }

    /**
     * Merges tag {@code sourceId} into {@code targetId}: assignments (without duplicates), regions and names
     * move to the target; the source ends deprecated and merged into it. Returns the target's new version.
     */
    public int merge(int sourceId, int sourceVersion, int targetId, int targetVersion) {
        if (sourceId == targetId) {
            throw new CurationException("a tag cannot be merged into itself");
        }
        return inTransaction(c -> {
            // lock in id order: two opposite merges must not deadlock
            TagRecord.lock(c, Math.min(sourceId, targetId),
                    sourceId < targetId ? sourceVersion : targetVersion);
            TagRecord.lock(c, Math.max(sourceId, targetId),
                    sourceId < targetId ? targetVersion : sourceVersion);
            mergeLocked(c, sourceId, targetId);
            return targetVersion + 1;
        });
    }

    /**
     * Splits a new tag off {@code tagId}: named {@code newName}, of {@code kind}, taking the listed forms
     * (English synonyms of the tag) with it. Assignments stay with the original tag: which caption meant which
     * is for the next parse to decide. Returns the new tag's id.
     */
    public int split(int tagId, int expectedVersion, String newName, TagKind kind, List<String> formsToMove) {
        String name = checkedName(newName);
        return inTransaction(c -> {
            Tag tag = TagRecord.lock(c, tagId, expectedVersion);
            requireLive(tag);
            requireFreeName(c, name, kind, 0);
            String before = TagRecord.snapshot(c, tagId);
            int created;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tag (name, kind, threshold) VALUES (?, ?, ?) "
                    + "RETURNING id")) {
                ps.setString(1, name);
                ps.setShort(2, kind.code());
                ps.setFloat(3, tag.threshold());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    created = rs.getInt(1);
                }
            }
            TagRecord.update(c, "INSERT INTO tag_name (tag_id, form, language, source) VALUES (?, ?, 'en', 0)",
                    created, name);
            for (String form : formsToMove) {
                if (TagRecord.update(c, "DELETE FROM tag_name WHERE tag_id = ? AND form = ? AND language = 'en' "
                        + "AND source <> 0", tagId, form) == 0) {
                    throw new CurationException("tag " + tag.name() + " has no English synonym \"" + form + "\"");
                }
                TagRecord.update(c, "INSERT INTO tag_name (tag_id, form, language, source) VALUES (?, ?, 'en', 2) "
                        + "ON CONFLICT DO NOTHING", created, form);
            }
            TagRecord.touch(c, tagId);
            AuditTrail.record(c, actor, "split", "tag", tagId, before, "{\"original\":" + TagRecord.snapshot(c, tagId)
                    + ",\"new\":" + TagRecord.snapshot(c, created) + "}");
            return created;
        });
    }

    /**
     * Freezes the live vocabulary as a release: a parent's tags keep their training IDs (merged ones follow
     * their target, dropped ones leave), then new live tags follow by id. Names, Chinese names and thresholds
     * are copied as they are now.
     */
    public Release createRelease(String name, String parentName, String notes) {
        return inTransaction(c -> {
            Release release = ReleaseSnapshot.create(c, name, parentName, actor, notes);
            AuditTrail.record(c, actor, "create-release", "release", release.id(), null,
                    JSON.createObjectNode().put("name", name).put("parent", parentName)
                            .put("tags", Releases.entries(c, release.id()).size()).toString());
            return release;
        });
    }

    /**
     * Blocks a caption's surface form from a tag ("air" ↛ gas), or from every tag when {@code tagName} is null:
     * the next parse no longer emits it. Returns the audit entry, for {@link #undo}.
     */
    public long blockMapping(String surface, String tagName, String note) {
        return addMappingRow(MappingAction.BLOCK, surface, tagName, note);
    }

    /** Maps a surface form to a live tag ("cell phone" → phone), over WordNet's reading. Returns the audit entry. */
    public long addMapping(String surface, String tagName, String note) {
        if (tagName == null) {
            throw new CurationException("a mapping adds a tag: name one");
        }
        return addMappingRow(MappingAction.ADD, surface, tagName, note);
    }

    /** Removes a curated mapping (a block or an added one). Returns the audit entry. */
    public long removeMapping(long mappingId) {
        return inTransaction(c -> {
            String before = MappingRecord.snapshot(c, mappingId);
            if (before == null) {
                throw new CurationException("no surface mapping " + mappingId);
            }
            MappingRecord.delete(c, mappingId);
            return AuditTrail.record(c, actor, "remove-mapping", "surface_mapping", mappingId, before, null);
        });
    }

    private long addMappingRow(MappingAction action, String surface, String tagName, String note) {
        String key = SurfaceKey.of(checkedName(surface));
        String tag = tagName == null ? null : checkedName(tagName);
        return inTransaction(c -> {
            if (tag != null && !TagRecord.exists(c, "SELECT 1 FROM tag WHERE lower(name) = lower(?) AND NOT deprecated",
                    tag)) {
                throw new CurationException("no live tag named \"" + tag + "\"");
            }
            String after = MappingRecord.insert(c, null, key, action, tag, note == null || note.isBlank() ? null
                    : note.strip(), actor);
            long id = read(after).get("id").asLong();
            return AuditTrail.record(c, actor, action == MappingAction.ADD ? "add-mapping" : "block-mapping",
                    "surface_mapping", id, null, after);
        });
    }

    /** Open proposals, most confident first. */
    public List<SynonymProposal> openProposals(int limit) {
        return inTransaction(c -> Proposals.open(c, limit));
    }

    /** Accepts a proposal: merges its source tag into its target, or adds its form as a WordNet synonym. */
    public void acceptProposal(int proposalId) {
        inTransaction(c -> {
            SynonymProposal p = Proposals.lockOpen(c, proposalId);
            long operation = p.sourceTag() != null
                    ? mergeInside(c, p.sourceTag(), p.targetTag())
                    : editInside(c, "add-synonym", p.targetTag(), null, addName(p.form(), "en", NameSource.WORDNET));
            Proposals.decide(c, proposalId, "ACCEPTED", actor);
            AuditTrail.record(c, actor, "accept-proposal", "synonym_proposal", proposalId, "{\"state\":\"PROPOSED\"}",
                    "{\"state\":\"ACCEPTED\",\"operation\":" + operation + "}");
            return 0;
        });
    }

    public void rejectProposal(int proposalId) {
        inTransaction(c -> {
            Proposals.lockOpen(c, proposalId);
            Proposals.decide(c, proposalId, "REJECTED", actor);
            AuditTrail.record(c, actor, "reject-proposal", "synonym_proposal", proposalId, "{\"state\":\"PROPOSED\"}",
                    "{\"state\":\"REJECTED\"}");
            return 0;
        });
    }

    /**
     * Undoes the operation of audit entry {@code auditId}, as a new audited change. Fails with a
     * {@link ConcurrentEditException} when a tag it touched was changed since: undo the later change first.
     */
    public void undo(long auditId) {
        inTransaction(c -> {
            undoInside(c, auditId);
            return 0;
        });
    }

    private long undoInside(Connection c, long auditId) throws SQLException {
        AuditTrail.Recorded op = AuditTrail.lock(c, auditId);
        if (op.undoneBy() != null) {
            throw new CurationException("audit entry " + auditId + " (" + op.action() + ") was already undone by entry "
                    + op.undoneBy());
        }
        JsonNode before = op.before() == null ? null : read(op.before());
        JsonNode after = op.after() == null ? null : read(op.after());
        switch (op.action()) {
            case "rename", "add-synonym", "remove-synonym", "set-threshold", "set-description", "set-translation",
                 "set-detectable", "deprecate" -> restoreTag(c, before, after);
            case "merge" -> {
                int source = before.get("source").get("id").asInt();
                int target = before.get("target").get("id").asInt();
                requireUnchanged(c, after.get("source"));
                requireUnchanged(c, after.get("target"));
                TagMerge.unmerge(c, auditId, source, target);
                TagRecord.restore(c, target, before.get("target").toString());
                TagRecord.restore(c, source, before.get("source").toString());
            }
            case "split" -> {
                int created = after.get("new").get("id").asInt();
                requireUnchanged(c, after.get("new"));
                if (TagRecord.exists(c, "SELECT 1 FROM tag_assignment WHERE tag_id = ? UNION ALL SELECT 1 FROM "
                        + "release_tag WHERE tag_id = ? UNION ALL SELECT 1 FROM region WHERE tag_id = ?", created,
                        created, created)) {
                    throw new CurationException("the split-off tag " + created + " is in use (assignments, regions "
                            + "or a release): merge it back instead");
                }
                restoreTag(c, before, after.get("original"));
                TagRecord.update(c, "DELETE FROM tag WHERE id = ?", created);
            }
            case "create-release" -> {
                if (TagRecord.exists(c, "SELECT 1 FROM export WHERE release_id = ?", Integer.parseInt(op.entityId()))) {
                    throw new CurationException("release " + after.get("name").asText() + " was exported: it stays");
                }
                TagRecord.update(c, "DELETE FROM release WHERE id = ?", Integer.parseInt(op.entityId()));
            }
            case "add-mapping", "block-mapping" -> MappingRecord.delete(c, Long.parseLong(op.entityId()));
            case "remove-mapping" -> MappingRecord.restore(c, before);
            case "accept-proposal", "reject-proposal" -> {
                if (after.has("operation")) {
                    undoInside(c, after.get("operation").asLong());
                }
                Proposals.reopen(c, Integer.parseInt(op.entityId()));
            }
            default -> throw new CurationException("audit entry " + auditId + " (" + op.action() + ") cannot be undone");
        }
        long undo = AuditTrail.record(c, actor, "undo", op.entityType(), op.entityId(), op.after(), op.before());
        AuditTrail.markUndone(c, auditId, undo);
        return undo;
    }

    private long mergeInside(Connection c, int source, int target) throws SQLException {
        TagRecord.lock(c, Math.min(source, target));
        TagRecord.lock(c, Math.max(source, target));
        return mergeLocked(c, source, target);
    }

    private long mergeLocked(Connection c, int source, int target) throws SQLException {
        requireLive(Tags.find(c, source).orElseThrow());
        requireLive(Tags.find(c, target).orElseThrow());
        String before = pair(TagRecord.snapshot(c, source), TagRecord.snapshot(c, target));
        long audit = AuditTrail.record(c, actor, "merge", "tag", source, before, null);
        int[] counts = TagMerge.merge(c, audit, source, target);
        AuditTrail.setAfter(c, audit, "{\"source\":" + TagRecord.snapshot(c, source) + ",\"target\":"
                + TagRecord.snapshot(c, target) + ",\"moved\":" + counts[0] + ",\"dropped\":" + counts[1] + "}");
        return audit;
    }

    private void restoreTag(Connection c, JsonNode before, JsonNode after) throws SQLException {
        requireUnchanged(c, after);
        TagRecord.restore(c, before.get("id").asInt(), before.toString());
    }

    /** the tag of {@code snapshot} still has the snapshot's version: nothing changed it since */
    private static void requireUnchanged(Connection c, JsonNode snapshot) throws SQLException {
        int id = snapshot.get("id").asInt();
        Tag now = TagRecord.lock(c, id);
        int version = snapshot.get("version").asInt();
        if (now.version() != version) {
            throw new ConcurrentEditException("tag " + id + " (" + now.name() + ") was changed after this operation "
                    + "(now version " + now.version() + ", the operation left " + version + "): undo the later "
                    + "changes first; nothing was undone");
        }
    }

    private interface TagEdit {
        void apply(Connection c, Tag tag) throws SQLException;
    }

    private int editTag(String action, int tagId, int expectedVersion, TagEdit edit) {
        return inTransaction(c -> {
            editInside(c, action, tagId, expectedVersion, edit);
            return expectedVersion + 1;
        });
    }

    /** applies {@code edit} to the locked tag (at {@code expectedVersion} unless null); the audit entry's id */
    private long editInside(Connection c, String action, int tagId, Integer expectedVersion, TagEdit edit)
            throws SQLException {
        Tag tag = expectedVersion == null ? TagRecord.lock(c, tagId) : TagRecord.lock(c, tagId, expectedVersion);
        String before = TagRecord.snapshot(c, tagId);
        edit.apply(c, tag);
        TagRecord.touch(c, tagId);
        return AuditTrail.record(c, actor, action, "tag", tagId, before, TagRecord.snapshot(c, tagId));
    }

    private <T> T inTransaction(Transactions.Work<T> work) {
        return transactions.run("curation failed", work);
    }

    private static void requireLive(Tag tag) {
        if (tag.deprecated() || tag.mergedInto() != null) {
            throw new CurationException("tag " + tag.id() + " (" + tag.name() + ") is deprecated"
                    + (tag.mergedInto() != null ? " and merged into tag " + tag.mergedInto() : ""));
        }
    }

    private static void requireFreeName(Connection c, String name, TagKind kind, int exceptTag) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM tag WHERE lower(name) = lower(?) AND kind = ? "
                + "AND NOT deprecated AND id <> ?")) {
            ps.setString(1, name);
            ps.setShort(2, kind.code());
            ps.setInt(3, exceptTag);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    throw new CurationException("tag " + rs.getInt(1) + " is already named \"" + name + "\" ("
                            + kind + "): merge instead");
                }
            }
        }
    }

    private static String checkedName(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 200 || n.matches(".*[\\t\\r\\n].*")) {
            throw new CurationException("a name has 1 to 200 characters and no tab or line break: \"" + name + "\"");
        }
        return n;
    }

    private static String language(String language) {
        String lang = language == null ? "" : language.strip().toLowerCase(Locale.ROOT);
        if (!lang.matches("[a-z]{2,3}(-[a-z0-9]+)?")) {
            throw new CurationException("a language is an ISO code such as en or zh, got \"" + language + "\"");
        }
        return lang;
    }

    private static String pair(String source, String target) {
        return "{\"source\":" + source + ",\"target\":" + target + "}";
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable audit entry: " + e.getMessage(), e);
        }
    }
}
