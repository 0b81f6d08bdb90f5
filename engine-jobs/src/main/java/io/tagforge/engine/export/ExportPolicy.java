package io.tagforge.engine.export;

import java.util.Set;

/**
 * Which tags and captions a training file takes, by where they came from: the paper's stages, so that a model
 * trained on each shows what generation added. Manual tags are always in; review decides the rest
 * ({@link ExportRequest#includeUnreviewed()}).
 */
public enum ExportPolicy {
    /** Parsed from original and generated captions, model tags, manual tags: everything the data engine kept. */
    ALL(Set.of(0, 1), Set.of(0, 1, 2, 3)),
    /** Parsed from original and generated captions, and manual tags; no model tags. */
    PARSED(Set.of(0, 1), Set.of(0, 1, 3)),
    /** Original captions and the tags parsed from them, and manual tags: the data before generation. */
    ORIGINAL(Set.of(0), Set.of(0, 3));

    private final Set<Integer> captionOrigins;
    private final Set<Integer> sources;

    ExportPolicy(Set<Integer> captionOrigins, Set<Integer> sources) {
        this.captionOrigins = captionOrigins;
        this.sources = sources;
    }

    /** caption.origin codes taken. */
    Set<Integer> captionOrigins() {
        return captionOrigins;
    }

    /** tag_assignment.source codes taken. */
    Set<Integer> sources() {
        return sources;
    }
}
