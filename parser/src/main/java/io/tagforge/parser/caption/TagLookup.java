package io.tagforge.parser.caption;

import io.tagforge.labelsystem.tag.TagKind;
import io.tagforge.labelsystem.vocabulary.TagMatch;
import io.tagforge.labelsystem.vocabulary.Vocabulary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The vocabulary as the rules ask it: several spellings of one candidate ("living rooms" → "living room",
 * "living rooms", "live room"), the strongest rule wins. Answers are remembered (the same words come back in
 * every caption and a WordNet lookup is not free); one instance per thread, as its parser.
 */
final class TagLookup {

    private static final int MEMO_LIMIT = 200_000;

    private final Vocabulary vocabulary;
    private final Map<String, List<TagMatch>> memo = new HashMap<>();

    TagLookup(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    int maxWords() {
        return Math.max(1, vocabulary.maxNameWords());
    }

    /**
     * The best tag for any of the forms, or null; of equally strong matches, one of the mention's kind. A tag that
     * a curated block takes from any of the forms is none: "watching" ↛ watch holds when the lemma is looked up;
     * nor is an action for a modifier ("a broken phone" ↛ break, "cut up carrots" ↛ cut, "a fallen bull" ↛ fall).
     */
    TagMatch best(TagKind kind, String... forms) {
        TagMatch best = null;
        for (String form : forms) {
            TagMatch match = pick(resolve(form), kind);
            if (match != null && (best == null || match.rule().ordinal() < best.rule().ordinal())) {
                best = match;
            }
        }
        if (best != null) {
            if (kind == TagKind.ATTRIBUTE && isActionOnly(best.tagName())) {
                return null;
            }
            for (String form : forms) {
                if (vocabulary.isBlocked(form, best.tagName())) {
                    return null;
                }
            }
        }
        return best;
    }

    private List<TagMatch> resolve(String form) {
        List<TagMatch> known = memo.get(form);
        if (known == null) {
            if (memo.size() >= MEMO_LIMIT) {
                memo.clear();
            }
            known = List.copyOf(vocabulary.resolve(form));
            memo.put(form, known);
        }
        return known;
    }

    /**
     * Whether the tag is meant only as an action. Only a modifier is held to its tag's kind: on COCO val2017 the
     * other mismatches were mostly right (Tag2Text lists "take", "go" and "pass" as objects, "on display" is the
     * noun of the action display, "a remote" the adjective the tagger read for the object), this one 28 of 30
     * times wrong.
     */
    private boolean isActionOnly(String tagName) {
        return !vocabulary.fitsReading(tagName, TagKind.ATTRIBUTE)
                && !vocabulary.fitsReading(tagName, TagKind.OBJECT_SCENE);
    }

    /** Whether the noun is known and its most frequent sense does not act (see {@link Vocabulary#isInanimate}). */
    boolean isInanimate(String noun) {
        return vocabulary.isInanimate(noun);
    }

    boolean isStateVerb(String verb) {
        return vocabulary.isStateVerb(verb);
    }

    boolean isDepiction(String noun) {
        return vocabulary.isDepiction(noun);
    }

    /** The best match that holds for a mention of this kind: "look" as a noun takes no link of the verb. */
    private static TagMatch pick(List<TagMatch> all, TagKind kind) {
        List<TagMatch> matches = all.stream().filter(m -> m.holdsFor(kind)).toList();
        if (matches.isEmpty()) {
            return null;
        }
        TagMatch first = matches.get(0);
        for (TagMatch m : matches) {
            if (m.rule() != first.rule()) {
                break;
            }
            if (m.kind() == kind) {
                return m;
            }
        }
        return first;
    }
}
