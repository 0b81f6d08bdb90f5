package io.tagforge.engine.export;

import io.tagforge.labelsystem.assignment.AssignmentSource;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which tags and captions a training file takes, by where they came from: the paper's stages, so that a model
 * trained on each shows what generation added. Manual tags are always in; review decides the rest
 * ({@link ExportRequest#includeUnreviewed()}).
 */
public enum ExportPolicy {
    /** Parsed from original and generated captions, model tags, manual tags: everything the data engine kept. */
    ALL(Set.of(0, 1), EnumSet.allOf(AssignmentSource.class)),
    /** Parsed from original and generated captions, and manual tags; no model tags. */
    PARSED(Set.of(0, 1), EnumSet.of(AssignmentSource.PARSED_ORIGINAL, AssignmentSource.PARSED_GENERATED,
            AssignmentSource.MANUAL)),
    /** Original captions and the tags parsed from them, and manual tags: the data before generation. */
    ORIGINAL(Set.of(0), EnumSet.of(AssignmentSource.PARSED_ORIGINAL, AssignmentSource.MANUAL));

    private final Set<Integer> captionOrigins;
    private final Set<AssignmentSource> sources;

    ExportPolicy(Set<Integer> captionOrigins, Set<AssignmentSource> sources) {
        this.captionOrigins = captionOrigins;
        this.sources = sources;
    }

    /** caption.origin codes taken. */
    Set<Integer> captionOrigins() {
        return captionOrigins;
    }

    /** tag_assignment sources taken. */
    Set<AssignmentSource> sources() {
        return sources;
    }
}
