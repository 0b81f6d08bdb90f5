package io.tagforge.labelsystem.curation;

/**
 * A proposed merge awaiting a curator: tag {@code sourceTag} into {@code targetTag}, or the surface
 * {@code form} as a synonym of {@code targetTag} (one of the two is null), with its evidence as JSON.
 */
public record SynonymProposal(int id, int targetTag, Integer sourceTag, String form, String evidence,
                              float confidence, String state) {
}
