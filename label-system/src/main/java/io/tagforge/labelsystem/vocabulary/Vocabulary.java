package io.tagforge.labelsystem.vocabulary;

import io.tagforge.labelsystem.tag.TagKind;
import java.util.List;

/**
 * Surface form → tag(s). The parser's only view of the label system; implementations are immutable and
 * safe to share between threads.
 */
public interface Vocabulary {

    /**
     * The tags a surface form (a word or a multiword name, any case) stands for, best first, each with the
     * rule that matched; empty when nothing does.
     */
    List<TagMatch> resolve(String surface);

    /**
     * Whether a curated block says the surface form never stands for the tag, however it is looked up: a caller
     * that looks "watching" up by its lemma "watch" still honours "watching" ↛ watch.
     */
    default boolean isBlocked(String surface, String tagName) {
        return false;
    }

    /**
     * Whether the tag may stand for a word read as {@code reading}: the action fall for no noun "fall", the
     * object love for no verb "love". A vocabulary that does not know its tags' kinds lets every reading fit.
     */
    default boolean fitsReading(String tagName, TagKind reading) {
        return true;
    }

    /** The most words any tag name or synonym has, so that callers know how long an n-gram to try. */
    int maxNameWords();

    /**
     * Whether the noun is known and its most frequent sense is no being that acts (not a person, an animal or a
     * group of them): a man sits, a toilet "sitting next to a trash can" only stands there. A vocabulary without
     * WordNet cannot tell and says no, reading every verb as an action.
     */
    default boolean isInanimate(String noun) {
        return false;
    }

    /** Whether the verb's most frequent sense is a posture or a state (sit, stand, rest, lie, hang). */
    default boolean isStateVerb(String verb) {
        return false;
    }

    /** Whether the noun names a photograph or picture (photo, picture, snapshot, closeup). */
    default boolean isDepiction(String noun) {
        return false;
    }
}
