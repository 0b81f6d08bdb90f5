package io.tagforge.parser.caption;

import io.tagforge.labelsystem.tag.TagKind;
import io.tagforge.labelsystem.vocabulary.TagMatch;

/**
 * One candidate tag in a caption.
 *
 * @param surface the caption's own text of the span
 * @param lemma   the form looked up in the vocabulary (lower case; "hot dog", "person" for "people")
 * @param kind    what the words do in the sentence: a noun phrase head, a modifier, a verb
 * @param start   first token of the span, counted from 0 over the whole caption
 * @param end     one past the last token
 * @param negated the caption says the thing is not in the picture: it denies it ("no people", "without a
 *                helmet", "nobody"), only likens something to it ("an umbrella shaped like a bear"), shows a toy
 *                of it ("a stuffed bear") or counts what something is for ("a table set for 7 people")
 * @param tag     the vocabulary's tag, or null for an out-of-vocabulary candidate
 */
public record Mention(String surface, String lemma, TagKind kind, int start, int end, boolean negated,
                      TagMatch tag) {

    public boolean inVocabulary() {
        return tag != null;
    }

    /** A mention that becomes a tag of its caption. */
    public boolean isTag() {
        return tag != null && !negated;
    }
}
