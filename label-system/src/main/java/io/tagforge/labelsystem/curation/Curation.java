package io.tagforge.labelsystem.curation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagforge.labelsystem.mapping.MappingAction;
import io.tagforge.labelsystem.mapping.SensePins;
import io.tagforge.labelsystem.release.Release;
import io.tagforge.labelsystem.release.Releases;
import io.tagforge.labelsystem.tag.NameSource;
import io.tagforge.labelsystem.tag.TagEntity;
import io.tagforge.labelsystem.tag.TagKind;
import io.tagforge.labelsystem.tag.TagNameEntity;
import io.tagforge.labelsystem.tag.TagRepository;
import io.tagforge.labelsystem.vocabulary.SurfaceKey;
import io.tagforge.labelsystem.wordnet.WordNet;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The curator's changes to the vocabulary. Each runs in one transaction (the caller's, when there is one),
 * writes an audit_log entry (who, when, the state before and after) and can be undone with {@link #undo}.
 * Tag changes take the version the curator saw: when someone changed the tag since, nothing is written and a
 * {@link ConcurrentEditException} says so. Methods return the tag's new version; {@code actor} is who acts.
 *
 * <p>Tags, names, proposals and audit entries are JPA entities; the tag's {@code @Version} counts every change
 * and refuses a write over someone else's. What moves rows in bulk (a merge's assignments and regions, undo's
 * snapshots, a release's frozen tags, surface mappings) is JDBC on the same transaction's connection, after the
 * persistence context has been flushed and, where it changed tag rows, cleared.
 */
@Service
@Transactional
public class Curation {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TagRepository tags;
    private final SynonymProposalRepository proposals;
    private final AuditEntryRepository auditLog;
    private final EntityManager entityManager;
    private final JdbcTemplate jdbc;

    Curation(TagRepository tags, SynonymProposalRepository proposals, AuditEntryRepository auditLog,
             EntityManager entityManager, JdbcTemplate jdbc) {
        this.tags = tags;
        this.proposals = proposals;
        this.auditLog = auditLog;
        this.entityManager = entityManager;
        this.jdbc = jdbc;
    }

    public int rename(String actor, int tagId, int expectedVersion, String newName) {
        String name = checkedName(newName);
        return editTag(actor, "rename", tagId, expectedVersion, tag -> {
            requireFreeName(name, tag.kind(), tagId);
            // a synonym spelled like the new name gives way to it, before the primary name takes that spelling
            tag.name(name, "en").filter(n -> n.source() != NameSource.PRIMARY).ifPresent(n -> {
                tag.names().remove(n);
                entityManager.flush();
            });
            tag.rename(name);
        });
    }

    public int addSynonym(String actor, int tagId, int expectedVersion, String form, String language) {
        return editTag(actor, "add-synonym", tagId, expectedVersion, addName(checkedName(form), language(language),
                NameSource.MANUAL));
    }

    private static Consumer<TagEntity> addName(String form, String language, NameSource source) {
        return tag -> {
            if (tag.name(form, language).isPresent()) {
                throw new CurationException("tag " + tag.name() + " already has the name \"" + form + "\" (" + language + ")");
            }
            tag.addName(form, language, source);
        };
    }

    public int removeSynonym(String actor, int tagId, int expectedVersion, String form, String language) {
        return editTag(actor, "remove-synonym", tagId, expectedVersion, tag -> {
            TagNameEntity synonym = tag.name(form, language).filter(n -> n.source() != NameSource.PRIMARY)
                    .orElseThrow(() -> new CurationException("tag " + tag.name() + " has no synonym \"" + form + "\" ("
                            + language + "); its primary name changes by renaming"));
            tag.names().remove(synonym);
        });
    }

    public int setThreshold(String actor, int tagId, int expectedVersion, float threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new CurationException("a threshold lies between 0 and 1, got " + threshold);
        }
        return editTag(actor, "set-threshold", tagId, expectedVersion, tag -> tag.setThreshold(threshold));
    }

    /** Whether a detector can box the tag: cleaning takes detectable tags unless told which. */
    public int setDetectable(String actor, int tagId, int expectedVersion, boolean detectable) {
        return editTag(actor, "set-detectable", tagId, expectedVersion, tag -> tag.setDetectable(detectable));
    }

    public int setDescription(String actor, int tagId, int expectedVersion, String description) {
        String text = description == null || description.isBlank() ? null : description.strip();
        return editTag(actor, "set-description", tagId, expectedVersion, tag -> tag.setDescription(text));
    }

    /** Makes {@code form} the tag's one name in {@code language} (e.g. "zh"), replacing earlier ones. */
    public int setTranslation(String actor, int tagId, int expectedVersion, String language, String form) {
        String lang = language(language);
        if (lang.equals("en")) {
            throw new CurationException("English names are the primary name and synonyms, not a translation");
        }
        String name = checkedName(form);
        return editTag(actor, "set-translation", tagId, expectedVersion, tag -> {
            // the old rows go first: the new name may be spelled like one of them
            if (tag.names().removeIf(n -> n.language().equals(lang))) {
                entityManager.flush();
            }
            tag.addName(name, lang, NameSource.MANUAL);
        });
    }

    /** Takes the tag out of the vocabulary; its assignments stay (merge moves them elsewhere). */
    public int deprecate(String actor, int tagId, int expectedVersion) {
        return editTag(actor, "deprecate", tagId, expectedVersion, tag -> {
            if (tag.deprecated()) {
                throw new CurationException("tag " + tag.name() + " is already deprecated");
            }
            tag.deprecate();
        });
    }

    /**
     * Merges tag {@code sourceId} into {@code targetId}: assignments (without duplicates), regions and names
     * move to the target; the source ends deprecated and merged into it. Returns the target's new version.
     */
    public int merge(String actor, int sourceId, int sourceVersion, int targetId, int targetVersion) {
        if (sourceId == targetId) {
            throw new CurationException("a tag cannot be merged into itself");
        }
        // lock in id order: two opposite merges must not deadlock
        requireVersion(lock(Math.min(sourceId, targetId)), sourceId < targetId ? sourceVersion : targetVersion);
        requireVersion(lock(Math.max(sourceId, targetId)), sourceId < targetId ? targetVersion : sourceVersion);
        mergeLocked(actor, sourceId, targetId);
        return targetVersion + 1;
    }

    /**
     * Splits a new tag off {@code tagId}: named {@code newName}, of {@code kind}, taking the listed forms
     * (English synonyms of the tag) with it. Assignments stay with the original tag: which caption meant which
     * is for the next parse to decide. Returns the new tag's id.
     */
    public int split(String actor, int tagId, int expectedVersion, String newName, TagKind kind, List<String> formsToMove) {
        String name = checkedName(newName);
        TagEntity tag = requireVersion(lock(tagId), expectedVersion);
        requireLive(tag);
        requireFreeName(name, kind, 0);
        String before = tag.snapshot();
        TagEntity created = tags.save(new TagEntity(name, kind, tag.threshold()));
        for (String form : formsToMove) {
            TagNameEntity synonym = tag.name(form, "en").filter(n -> n.source() != NameSource.PRIMARY)
                    .orElseThrow(() -> new CurationException("tag " + tag.name() + " has no English synonym \""
                            + form + "\""));
            tag.names().remove(synonym);
            if (created.name(form, "en").isEmpty()) {
                created.addName(form, "en", NameSource.MANUAL);
            }
        }
        tag.changed();
        entityManager.flush();
        record(actor, "split", "tag", tagId, before, "{\"original\":" + tag.snapshot() + ",\"new\":"
                + created.snapshot() + "}");
        return created.id();
    }

    /**
     * Freezes the live vocabulary as a release: a parent's tags keep their training IDs (merged ones follow
     * their target, dropped ones leave), then new live tags follow by id. Names, Chinese names and thresholds
     * are copied as they are now.
     */
    public Release createRelease(String actor, String name, String parentName, String notes) {
        Release release = withConnection(c -> ReleaseSnapshot.create(c, name, parentName, actor, notes));
        int size = withConnection(c -> Releases.entries(c, release.id()).size());
        record(actor, "create-release", "release", release.id(), null,
                JSON.createObjectNode().put("name", name).put("parent", parentName).put("tags", size).toString());
        return release;
    }

    /**
     * Blocks a caption's surface form from a tag ("air" ↛ gas), or from every tag when {@code tagName} is null:
     * the next parse no longer emits it. Returns the audit entry, for {@link #undo}.
     */
    public long blockMapping(String actor, String surface, String tagName, String note) {
        return addMappingRow(actor, MappingAction.BLOCK, surface, tagName, null, note);
    }

    /** Maps a surface form to a live tag ("cell phone" → phone), over WordNet's reading. Returns the audit entry. */
    public long addMapping(String actor, String surface, String tagName, String note) {
        if (tagName == null) {
            throw new CurationException("a mapping adds a tag: name one");
        }
        return addMappingRow(actor, MappingAction.ADD, surface, tagName, null, note);
    }

    /**
     * Pins a surface form to one WordNet noun sense ("mouse" → mouse%1:06:00::, the device): its WordNet links go
     * through that sense alone. A key WordNet lacks, or of another word, is refused. Returns the audit entry.
     */
    public long pinSense(String actor, String surface, String senseKey, String note) {
        String key = SurfaceKey.of(checkedName(surface));
        String sense;
        try (WordNet wordNet = WordNet.open()) {
            sense = SensePins.checked(wordNet, key, senseKey).senseKey();
        }
        return addMappingRow(actor, MappingAction.PIN, key, null, sense, note);
    }

    /** Removes a curated mapping (a block, an added one or a pin). Returns the audit entry. */
    public long removeMapping(String actor, long mappingId) {
        String before = withConnection(c -> MappingRecord.snapshot(c, mappingId));
        if (before == null) {
            throw new CurationException("no surface mapping " + mappingId);
        }
        withConnection(c -> {
            MappingRecord.delete(c, mappingId);
            return null;
        });
        return record(actor, "remove-mapping", "surface_mapping", mappingId, before, null).id();
    }

    private long addMappingRow(String actor, MappingAction action, String surface, String tagName, String senseKey,
                               String note) {
        String key = SurfaceKey.of(checkedName(surface));
        String tag = tagName == null ? null : checkedName(tagName);
        if (tag != null && !tags.existsByNameIgnoreCaseAndDeprecatedFalse(tag)) {
            throw new CurationException("no live tag named \"" + tag + "\"");
        }
        String after = withConnection(c -> MappingRecord.insert(c, null, key, action, tag, senseKey,
                note == null || note.isBlank() ? null : note.strip(), actor));
        long id = read(after).get("id").asLong();
        String operation = switch (action) {
            case ADD -> "add-mapping";
            case BLOCK -> "block-mapping";
            case PIN -> "pin-sense";
        };
        return record(actor, operation, "surface_mapping", id, null, after).id();
    }

    /** Open proposals, most confident first. */
    @Transactional(readOnly = true)
    public List<SynonymProposal> openProposals(int limit) {
        return proposals.findByStateOrderByConfidenceDescIdAsc("PROPOSED", Limit.of(limit)).stream()
                .map(SynonymProposalEntity::toProposal).toList();
    }

    /** Accepts a proposal: merges its source tag into its target, or adds its form as a WordNet synonym. */
    public void acceptProposal(String actor, int proposalId) {
        SynonymProposalEntity proposal = lockOpen(proposalId);
        SynonymProposal p = proposal.toProposal();
        long operation = p.sourceTag() != null
                ? mergeInside(actor, p.sourceTag(), p.targetTag())
                : editInside(actor, "add-synonym", lock(p.targetTag()), addName(p.form(), "en", NameSource.WORDNET));
        proposal = proposals.findById(proposalId).orElseThrow();
        proposal.decide("ACCEPTED", actor);
        record(actor, "accept-proposal", "synonym_proposal", proposalId, "{\"state\":\"PROPOSED\"}",
                "{\"state\":\"ACCEPTED\",\"operation\":" + operation + "}");
    }

    public void rejectProposal(String actor, int proposalId) {
        lockOpen(proposalId).decide("REJECTED", actor);
        record(actor, "reject-proposal", "synonym_proposal", proposalId, "{\"state\":\"PROPOSED\"}",
                "{\"state\":\"REJECTED\"}");
    }

    private SynonymProposalEntity lockOpen(int proposalId) {
        SynonymProposalEntity p = proposals.findLocked(proposalId)
                .orElseThrow(() -> new CurationException("no synonym proposal " + proposalId));
        if (!p.state().equals("PROPOSED")) {
            throw new ConcurrentEditException("proposal " + proposalId + " was already "
                    + p.state().toLowerCase(Locale.ROOT) + " by " + p.decidedBy());
        }
        return p;
    }

    /**
     * Undoes the operation of audit entry {@code auditId}, as a new audited change. Fails with a
     * {@link ConcurrentEditException} when a tag it touched was changed since: undo the later change first.
     */
    public void undo(String actor, long auditId) {
        undoInside(actor, auditId);
    }

    private long undoInside(String actor, long auditId) {
        AuditEntry op = auditLog.findLocked(auditId)
                .orElseThrow(() -> new CurationException("no audit entry " + auditId));
        if (op.undoneBy() != null) {
            throw new CurationException("audit entry " + auditId + " (" + op.action() + ") was already undone by entry "
                    + op.undoneBy());
        }
        JsonNode before = op.before() == null ? null : read(op.before());
        JsonNode after = op.after() == null ? null : read(op.after());
        switch (op.action()) {
            case "rename", "add-synonym", "remove-synonym", "set-threshold", "set-description", "set-translation",
                 "set-detectable", "deprecate" -> restoreTag(before, after);
            case "merge" -> {
                int source = before.get("source").get("id").asInt();
                int target = before.get("target").get("id").asInt();
                requireUnchanged(after.get("source"));
                requireUnchanged(after.get("target"));
                withTagRows(c -> {
                    TagMerge.unmerge(c, auditId, source, target);
                    TagRecord.restore(c, target, before.get("target").toString());
                    TagRecord.restore(c, source, before.get("source").toString());
                    return null;
                });
            }
            case "split" -> {
                int created = after.get("new").get("id").asInt();
                requireUnchanged(after.get("new"));
                if (withConnection(c -> TagRecord.exists(c, "SELECT 1 FROM tag_assignment WHERE tag_id = ? UNION ALL "
                        + "SELECT 1 FROM release_tag WHERE tag_id = ? UNION ALL SELECT 1 FROM region WHERE tag_id = ?",
                        created, created, created))) {
                    throw new CurationException("the split-off tag " + created + " is in use (assignments, regions "
                            + "or a release): merge it back instead");
                }
                restoreTag(before, after.get("original"));
                tags.deleteById(created);
            }
            case "create-release" -> {
                int release = Integer.parseInt(op.entityId());
                withConnection(c -> {
                    if (TagRecord.exists(c, "SELECT 1 FROM export WHERE release_id = ?", release)) {
                        throw new CurationException("release " + after.get("name").asText() + " was exported: it stays");
                    }
                    return TagRecord.update(c, "DELETE FROM release WHERE id = ?", release);
                });
            }
            case "add-mapping", "block-mapping", "pin-sense" -> withConnection(c -> {
                MappingRecord.delete(c, Long.parseLong(op.entityId()));
                return null;
            });
            case "remove-mapping" -> withConnection(c -> {
                MappingRecord.restore(c, before);
                return null;
            });
            case "accept-proposal", "reject-proposal" -> {
                if (after.has("operation")) {
                    undoInside(actor, after.get("operation").asLong());
                }
                proposals.findById(Integer.parseInt(op.entityId())).orElseThrow().reopen();
            }
            default -> throw new CurationException("audit entry " + auditId + " (" + op.action() + ") cannot be undone");
        }
        long undo = record(actor, "undo", op.entityType(), op.entityId(), op.after(), op.before()).id();
        // the bulk steps above may have cleared the persistence context: mark the entry undone as it is now
        auditLog.findById(auditId).orElseThrow().undoneBy(undo);
        return undo;
    }

    private long mergeInside(String actor, int source, int target) {
        lock(Math.min(source, target));
        lock(Math.max(source, target));
        return mergeLocked(actor, source, target);
    }

    /**
     * Both tags are locked. The merge moves rows in bulk (names among them), so the tags are read again after
     * it; then the source ends merged into the target, and both count the change in their version.
     */
    private long mergeLocked(String actor, int source, int target) {
        TagEntity from = tags.findById(source).orElseThrow();
        TagEntity into = tags.findById(target).orElseThrow();
        requireLive(from);
        requireLive(into);
        AuditEntry audit = record(actor, "merge", "tag", source, pair(from.snapshot(), into.snapshot()), null);
        int[] counts = withTagRows(c -> TagMerge.merge(c, audit.id(), source, target));
        from = tags.findById(source).orElseThrow();
        into = tags.findById(target).orElseThrow();
        from.mergeInto(target);
        into.changed();
        entityManager.flush();
        auditLog.findById(audit.id()).orElseThrow().setAfter("{\"source\":" + from.snapshot() + ",\"target\":"
                + into.snapshot() + ",\"moved\":" + counts[0] + ",\"dropped\":" + counts[1] + "}");
        return audit.id();
    }

    private void restoreTag(JsonNode before, JsonNode after) {
        requireUnchanged(after);
        withTagRows(c -> {
            TagRecord.restore(c, before.get("id").asInt(), before.toString());
            return null;
        });
    }

    /** the tag of {@code snapshot} still has the snapshot's version: nothing changed it since */
    private void requireUnchanged(JsonNode snapshot) {
        TagEntity now = lock(snapshot.get("id").asInt());
        int version = snapshot.get("version").asInt();
        if (now.version() != version) {
            throw new ConcurrentEditException("tag " + now.id() + " (" + now.name() + ") was changed after this "
                    + "operation (now version " + now.version() + ", the operation left " + version + "): undo the "
                    + "later changes first; nothing was undone");
        }
    }

    private int editTag(String actor, String action, int tagId, int expectedVersion, Consumer<TagEntity> edit) {
        editInside(actor, action, requireVersion(lock(tagId), expectedVersion), edit);
        return expectedVersion + 1;
    }

    /** applies {@code edit} to the locked tag; the audit entry's id */
    private long editInside(String actor, String action, TagEntity tag, Consumer<TagEntity> edit) {
        String before = tag.snapshot();
        edit.accept(tag);
        tag.changed();
        entityManager.flush();
        return record(actor, action, "tag", tag.id(), before, tag.snapshot()).id();
    }

    /**
     * The tag, its row locked until the transaction ends: curators editing one tag at once take turns, and the
     * second finds the first one's version.
     */
    private TagEntity lock(int tagId) {
        return tags.findLocked(tagId).orElseThrow(() -> new CurationException("no tag with id " + tagId));
    }

    private static TagEntity requireVersion(TagEntity tag, int expectedVersion) {
        if (tag.version() != expectedVersion) {
            throw ConcurrentEditException.tag(tag.id(), tag.name(), tag.version(), expectedVersion);
        }
        return tag;
    }

    private AuditEntry record(String actor, String action, String entityType, Object entityId, String before,
                              String after) {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("curation needs the name of who is acting");
        }
        return auditLog.save(new AuditEntry(actor, action, entityType, entityId, before, after));
    }

    /** JDBC work in this transaction, which sees every change made so far through the entities */
    private <T> T withConnection(ConnectionCallback<T> work) {
        entityManager.flush();
        return jdbc.execute(work);
    }

    /** JDBC work that changes tag or tag_name rows: entities read before it are stale after it, so they go */
    private <T> T withTagRows(ConnectionCallback<T> work) {
        T result = withConnection(work);
        entityManager.clear();
        return result;
    }

    private static void requireLive(TagEntity tag) {
        if (tag.deprecated() || tag.mergedInto() != null) {
            throw new CurationException("tag " + tag.id() + " (" + tag.name() + ") is deprecated"
                    + (tag.mergedInto() != null ? " and merged into tag " + tag.mergedInto() : ""));
        }
    }

    private void requireFreeName(String name, TagKind kind, int exceptTag) {
        tags.findLiveNamed(name, kind, exceptTag).ifPresent(other -> {
            throw new CurationException("tag " + other.id() + " is already named \"" + name + "\" (" + kind
                    + "): merge instead");
        });
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
