package io.tagforge.curation.ontology;

import io.tagforge.curation.security.Roles;
import io.tagforge.labelsystem.curation.Curation;
import io.tagforge.labelsystem.error.TagforgeException;
import io.tagforge.labelsystem.mapping.MappingAction;
import io.tagforge.labelsystem.mapping.ObservedMapping;
import io.tagforge.labelsystem.mapping.SurfaceMapping;
import io.tagforge.labelsystem.mapping.SurfaceMappings;
import io.tagforge.labelsystem.wordnet.PartOfSpeech;
import io.tagforge.labelsystem.wordnet.WordNet;
import io.tagforge.labelsystem.wordnet.WordSense;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * Curated surface mappings for the curator: what a dataset's parse mapped to which tag, by frequency, a surface's
 * WordNet noun senses to pin it to, and the label system's block / add / pin / remove / undo, acting as the
 * signed-in user.
 */
@Service
@RolesAllowed(Roles.CURATOR)
public class Mappings {

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final Curation curation;
    /** opened at the first sense list and shared: WordNet reads its whole noun index once per instance */
    private WordNet wordNet;

    Mappings(DataSource dataSource, JdbcClient jdbc, Curation curation) {
        this.curation = curation;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /** Datasets with observed mappings (parsed since mappings are recorded). */
    public List<String> parsedDatasets() {
        return jdbc.sql("SELECT d.name FROM dataset d WHERE EXISTS (SELECT 1 FROM surface_observation o "
                + "WHERE o.dataset_id = d.id) ORDER BY d.name").query(String.class).list();
    }

    /** {@code dataset} empty: all datasets; {@code tagId} 0: all tags. */
    public List<ObservedMapping> observed(String dataset, String search, int tagId, int offset, int limit) {
        return SurfaceMappings.observed(dataSource, dataset, search, tagId, offset, limit);
    }

    public List<SurfaceMapping> curated() {
        return SurfaceMappings.live(dataSource);
    }

    /** Blocks the surface from the tag; the audit entry, for undo. */
    public long block(String surface, String tagName) {
        return curation.blockMapping(actor(), surface, tagName, null);
    }

    public long add(String surface, String tagName) {
        return curation.addMapping(actor(), surface, tagName, null);
    }

    /** The surface's WordNet noun senses (its base form's, for a plural), most frequent first, to pin it to. */
    public synchronized List<WordSense> nounSenses(String surface) {
        if (wordNet == null) {
            wordNet = WordNet.open();
        }
        String word = surface == null ? "" : surface.strip();
        return wordNet.baseForms(word, PartOfSpeech.NOUN).stream().findFirst()
                .map(base -> wordNet.wordSenses(base, PartOfSpeech.NOUN)).orElse(List.of());
    }

    /** Pins the surface to one noun sense; the audit entry, for undo. */
    public long pin(String surface, String senseKey) {
        return curation.pinSense(actor(), surface, senseKey, null);
    }

    /** Removes the surface's pin; the audit entry, for undo. */
    public long unpin(String surface) {
        return curated().stream().filter(m -> m.action() == MappingAction.PIN && m.surface().equals(surface))
                .findFirst().map(m -> remove(m.id()))
                .orElseThrow(() -> new TagforgeException("surface: \"" + surface + "\" is pinned to no sense"));
    }

    public long remove(long mappingId) {
        return curation.removeMapping(actor(), mappingId);
    }

    public void undo(long auditId) {
        curation.undo(actor(), auditId);
    }

    @PreDestroy
    synchronized void closeWordNet() {
        if (wordNet != null) {
            wordNet.close();
        }
    }

    /** who is signed in: the curator the audit log names */
    private static String actor() {
        return SecurityContextHolder.getContext().getAuthentication().getName();
    }
}
