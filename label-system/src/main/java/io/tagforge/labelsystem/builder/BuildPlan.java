package io.tagforge.labelsystem.builder;

import io.tagforge.labelsystem.tag.TagKind;
import java.util.List;

/**
 * What the vocabulary builder proposes: tags (each a group of names WordNet says are one thing, on strong
 * evidence) and weak links between tags for a curator to accept or reject.
 */
public record BuildPlan(List<ProposedTag> tags, List<WeakLink> links) {

    /** One proposed tag: its primary name (the most frequent), all its names, and the evidence that merged them. */
    public record ProposedTag(String name, TagKind kind, List<String> names, long mentions, long images,
                              boolean listed, String evidence) {
    }

    /**
     * Names that may be one thing, on weak evidence: a shared synset that is not the first sense of both, or a
     * word with many senses. {@code from} is the less frequent tag's name, {@code to} the more frequent one's.
     */
    public record WeakLink(String from, String to, TagKind kind, float confidence, String evidence) {
    }
}
