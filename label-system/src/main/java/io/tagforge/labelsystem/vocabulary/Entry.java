package io.tagforge.labelsystem.vocabulary;

import java.util.List;

/**
 * What one table key resolves to, precomputed: the matches as such, the same matches when reached from an
 * inflected form (rule BASE_FORM instead of EXACT/SYNONYM), and the parts of speech the key is a WordNet lemma
 * of ({@link PartsOfSpeech} bits), which decide which inflection rules may lead to it.
 */
record Entry(List<TagMatch> matches, List<TagMatch> viaBaseForm, int partsOfSpeech) {
}
