package io.tagforge.curation.ontology;

import io.tagforge.curation.security.Roles;
import io.tagforge.labelsystem.assignment.AssignmentState;
import io.tagforge.labelsystem.curation.Curation;
import io.tagforge.labelsystem.curation.SynonymProposal;
import io.tagforge.labelsystem.error.TagforgeException;
import io.tagforge.labelsystem.release.Release;
import io.tagforge.labelsystem.release.ReleaseDiff;
import io.tagforge.labelsystem.release.Releases;
import io.tagforge.labelsystem.tag.Tag;
import io.tagforge.labelsystem.tag.TagKind;
import io.tagforge.labelsystem.tag.TagName;
import io.tagforge.labelsystem.tag.Tags;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * The curator's side of the vocabulary: tags listed a page at a time (there are thousands), a tag's details,
 * and the label system's curation operations (audited, undoable, optimistic locking), acting as the signed-in
 * user.
 */
@Service
@RolesAllowed(Roles.CURATOR)
public class Ontology {

    /** One row of the tag list. */
    public record TagRow(int id, String name, String kind, float threshold, boolean deprecated, int version) {
    }

    /** Columns the tag list sorts by, with their SQL. */
    public enum Sort {
        NAME("lower(name)"), ID("id"), THRESHOLD("threshold"), KIND("kind");

        final String sql;

        Sort(String sql) {
            this.sql = sql;
        }
    }

    /** Everything the tag page shows. */
    public record TagPage(Tag tag, List<TagName> names, Map<AssignmentState, Long> assignmentsByState,
                          List<SynonymProposal> proposals) {
    }

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final Tags tags;
    private final Releases releases;
    private final Curation curation;

    Ontology(DataSource dataSource, JdbcClient jdbc, Releases releases, Curation curation) {
        this.curation = curation;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.tags = new Tags(dataSource);
        this.releases = releases;
    }

    public List<TagRow> tags(String search, Sort sort, boolean ascending, int offset, int limit) {
        return jdbc.sql("SELECT id, name, kind, threshold, deprecated, version FROM tag WHERE lower(name) LIKE ? ESCAPE '\\'"
                        + " ORDER BY " + sort.sql + (ascending ? " ASC" : " DESC") + ", id OFFSET ? LIMIT ?")
                .params(contains(search), offset, limit)
                .query((rs, n) -> new TagRow(rs.getInt("id"), rs.getString("name"),
                        TagKind.values()[rs.getShort("kind")].name(), rs.getFloat("threshold"),
                        rs.getBoolean("deprecated"), rs.getInt("version")))
                .list();
    }

    public int count(String search) {
        return jdbc.sql("SELECT count(*) FROM tag WHERE lower(name) LIKE ? ESCAPE '\\'").param(contains(search))
                .query(Integer.class).single();
    }

    public Optional<TagPage> page(int tagId) {
        return tags.find(tagId).map(tag -> new TagPage(tag, tags.names(tagId), assignmentsByState(tagId),
                jdbc.sql("""
                                SELECT id, target_tag, source_tag, form, evidence::text AS evidence, confidence, state
                                  FROM synonym_proposal WHERE target_tag = ? OR source_tag = ? ORDER BY id""")
                        .params(tagId, tagId).query(SynonymProposal.class).list()));
    }

    public int rename(int tagId, int version, String name) {
        return curation.rename(actor(), tagId, version, name);
    }

    public int setThreshold(int tagId, int version, float threshold) {
        return curation.setThreshold(actor(), tagId, version, threshold);
    }

    public int setDetectable(int tagId, int version, boolean detectable) {
        return curation.setDetectable(actor(), tagId, version, detectable);
    }

    public int deprecate(int tagId, int version) {
        return curation.deprecate(actor(), tagId, version);
    }

    public int merge(int sourceId, int sourceVersion, int targetId) {
        Tag target = tags.find(targetId).orElseThrow(() -> new IllegalArgumentException("no tag " + targetId));
        return curation.merge(actor(), sourceId, sourceVersion, targetId, target.version());
    }

    public int split(int tagId, int version, String newName, TagKind kind, List<String> formsToMove) {
        return curation.split(actor(), tagId, version, newName, kind, formsToMove);
    }

    public List<SynonymProposal> openProposals(int limit) {
        return curation.openProposals(limit);
    }

    public void decideProposal(int proposalId, boolean accept) {
        if (accept) {
            curation.acceptProposal(actor(), proposalId);
        } else {
            curation.rejectProposal(actor(), proposalId);
        }
    }

    public String tagName(int tagId) {
        return tags.find(tagId).map(Tag::name).orElse("#" + tagId);
    }

    public List<Release> releases() {
        return releases.list();
    }

    public Release createRelease(String name, String parentName, String notes) {
        return curation.createRelease(actor(), name, parentName, notes);
    }

    public ReleaseDiff diff(String from, String to) {
        return ReleaseDiff.between(dataSource, from, to);
    }

    private Map<AssignmentState, Long> assignmentsByState(int tagId) {
        Map<AssignmentState, Long> counts = new java.util.EnumMap<>(AssignmentState.class);
        for (AssignmentState state : AssignmentState.values()) {
            counts.put(state, 0L);
        }
        jdbc.sql("SELECT state, count(*) AS n FROM tag_assignment WHERE tag_id = ? GROUP BY state").param(tagId)
                .query((rs, n) -> counts.put(AssignmentState.ofCode(rs.getShort("state")), rs.getLong("n")))
                .list();
        return counts;
    }

    /** who is signed in: the curator the audit log names */
    private static String actor() {
        return SecurityContextHolder.getContext().getAuthentication().getName();
    }

    private static String contains(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return "%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
