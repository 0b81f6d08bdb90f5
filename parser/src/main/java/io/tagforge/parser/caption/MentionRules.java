package io.tagforge.parser.caption;

import static io.tagforge.labelsystem.tag.TagKind.ACTION;
import static io.tagforge.labelsystem.tag.TagKind.ATTRIBUTE;
import static io.tagforge.labelsystem.tag.TagKind.OBJECT_SCENE;

import edu.stanford.nlp.process.Morphology;
import io.tagforge.labelsystem.tag.TagKind;
import io.tagforge.labelsystem.vocabulary.MatchRule;
import io.tagforge.labelsystem.vocabulary.TagMatch;
import java.util.List;
import java.util.Locale;

/**
 * The rules that turn one parsed sentence into mentions:
 * <ol>
 * <li>multiword names first, longest match over a noun phrase's modifiers and head ("hot dog", "teddy bear");
 *     a longer reading the vocabulary knows beats its parts; an unknown noun compound ("visitor center") is
 *     kept whole as an out-of-vocabulary candidate, and of its words only the head is a thing;</li>
 * <li>nouns are objects and scenes, except quantities and places followed by "of" ("a group of", "in front
 *     of"); numbers and determiners never are candidates;</li>
 * <li>adjectives modifying an object (or predicated of one: "the dog is brown") are attributes, so "orange"
 *     is a colour as an adjective and a fruit as a noun;</li>
 * <li>verbs with an object, subject or place are actions ("riding a horse", "a cat sitting on a couch");</li>
 * <li>"no", "without", "nobody", "no one" and "not"/"never" on the verb mark what they deny as negated.</li>
 * </ol>
 * Tokens without a Latin letter (numbers, emoji, other scripts) are never candidates: the vocabulary is English.
 */
final class MentionRules {

    private final TagLookup lookup;
    private final Morphology morphology = new Morphology();

    MentionRules(TagLookup lookup) {
        this.lookup = lookup;
    }

    /** Adds the sentence's mentions to {@code out}; {@code offset} is the sentence's first token in the caption. */
    void extract(SentenceGraph g, String text, int offset, List<Mention> out) {
        int first = out.size();
        boolean[] negated = negatedNouns(g);
        boolean[] consumed = new boolean[g.size];
        matchMultiwordNames(g, text, offset, negated, consumed, out);
        matchContainersOfContents(g, text, offset, negated, consumed, out);
        keepUnknownCompounds(g, text, offset, negated, consumed, out);
        for (int i = 0; i < g.size; i++) {
            if (!consumed[i] && hasLatinLetter(g.word[i])) {
                singleWord(g, text, offset, i, negated, out);
            }
        }
        out.subList(first, out.size()).sort((a, b) -> a.start() != b.start()
                ? Integer.compare(a.start(), b.start()) : Integer.compare(b.end(), a.end()));
    }

    // ------------------------------------------------------------------ multiword names

    private void matchMultiwordNames(SentenceGraph g, String text, int offset, boolean[] negated,
                                     boolean[] consumed, List<Mention> out) {
        int maxWords = lookup.maxWords();
        for (int i = 0; i < g.size; i++) {
            for (int last = Math.min(g.size, i + maxWords) - 1; last > i; last--) {
                if (!isNameSpan(g, i, last)) {
                    continue;
                }
                int from = i;
                TagMatch match = lookup.best(OBJECT_SCENE, spellings(g, i, last));
                if (match != null && match.rule().compareTo(MatchRule.BASE_FORM) > 0
                        && anAdjectiveModifiesALaterWord(g, i, last)) {
                    // "red fire" of "a red fire hydrant" names nothing; "stuffed toy" of "a stuffed toy bear" does
                    continue;
                }
                if (match != null && match.rule() == MatchRule.HYPERNYM && !namesAKindOfItsHead(match, g, last)) {
                    if (g.relation[last].equals("compound") && g.head[last] > last) {
                        // "red fire" of "a red fire hydrant": the name goes on, and a later span reads it
                        continue;
                    }
                    from = closerNamedSpan(g, i, last);
                    match = from == i ? match : lookup.best(OBJECT_SCENE, spellings(g, from, last));
                }
                if (match != null) {
                    out.add(mention(g, text, offset, from, last, spellings(g, from, last)[0], OBJECT_SCENE,
                            negated[last], match));
                    for (int k = from; k <= last; k++) {
                        consumed[k] = true;
                    }
                    i = last;
                    break;
                }
            }
        }
    }

    /**
     * "a glass of wine" is a wine glass, "a cup of coffee" a coffee cup, when the vocabulary has that name (not
     * through WordNet: "a glass of water" is no water glass to RAM). The contents stay a thing of their own.
     */
    private void matchContainersOfContents(SentenceGraph g, String text, int offset, boolean[] negated,
                                           boolean[] consumed, List<Mention> out) {
        for (int i = 0; i + 2 < g.size; i++) {
            // the "of" right after the container and the noun it introduces, wherever the parser attached that
            // noun ("book and glass of wine": to the book)
            int contents = g.head[i + 1];
            if (consumed[i] || !g.isCommonNoun(i) || !g.lemma[i + 1].equals("of") || !g.relation[i + 1].equals("case")
                    || contents <= i + 1 || !g.isCommonNoun(contents)) {
                continue;
            }
            String name = g.lemma[contents] + " " + g.lemma[i];
            TagMatch match = lookup.best(OBJECT_SCENE, name, lower(g.word[contents]) + " " + g.lemma[i]);
            if (match != null && match.rule().compareTo(MatchRule.BASE_FORM) <= 0) {
                out.add(mention(g, text, offset, i, contents, name, OBJECT_SCENE, negated[i], match));
                consumed[i] = true;
            }
        }
    }

    /** "red light" → "traffic light": a tag named as a kind of the span's head word. */
    private static boolean namesAKindOfItsHead(TagMatch match, SentenceGraph g, int last) {
        String name = lower(match.tagName());
        return name.endsWith(" " + g.lemma[last]) || name.endsWith(" " + lower(g.word[last]));
    }

    /**
     * Where a span WordNet reaches only as a kind of some other tag gives way to a shorter one the vocabulary
     * names more directly, down to the head itself: "little dog" is a kind of constellation to WordNet, "black
     * cat" of carnivore and "dining table" of furniture, while "dog", "cat" and "table" are tags. The first word
     * of the shorter span, or {@code from} when there is none; the modifiers left over are read as such
     * ("little" an attribute).
     */
    private int closerNamedSpan(SentenceGraph g, int from, int last) {
        for (int k = from + 1; k <= last; k++) {
            TagMatch shorter = lookup.best(OBJECT_SCENE, spellings(g, k, last));
            if (shorter != null && shorter.rule().compareTo(MatchRule.HYPERNYM) < 0) {
                return k;
            }
        }
        return from;
    }

    private static boolean anAdjectiveModifiesALaterWord(SentenceGraph g, int from, int last) {
        for (int k = from; k < last; k++) {
            if (g.relation[k].equals("amod") && g.head[k] > last) {
                return true;
            }
        }
        return false;
    }

    /** A span that can be one name: modifiers that attach to the right, ending in a noun. */
    private static boolean isNameSpan(SentenceGraph g, int from, int last) {
        if (!g.isNoun(last) || !isNameWord(g, last)) {
            return false;
        }
        for (int k = from; k < last; k++) {
            String rel = g.relation[k];
            boolean modifier = rel.equals("compound") || rel.equals("amod") || rel.startsWith("flat");
            if (!isNameWord(g, k) || !modifier || g.head[k] <= k) {
                return false;
            }
        }
        return true;
    }

    /** A word of a name; the tagger reads some modifiers as verbs ("a skate/VB board"). */
    private static boolean isNameWord(SentenceGraph g, int k) {
        String pos = g.pos[k];
        boolean nominal = pos.startsWith("NN") || pos.startsWith("JJ") || pos.startsWith("VB") || pos.equals("FW");
        return nominal && hasLatinLetter(g.word[k]);
    }

    /** "living rooms": the words as written with the head's lemma, then all as written, then all lemmas. */
    private static String[] spellings(SentenceGraph g, int from, int last) {
        StringBuilder written = new StringBuilder();
        StringBuilder lemmas = new StringBuilder();
        for (int k = from; k < last; k++) {
            written.append(lower(g.word[k])).append(' ');
            lemmas.append(g.lemma[k]).append(' ');
        }
        return new String[] {written + g.lemma[last], written + lower(g.word[last]), lemmas + g.lemma[last]};
    }

    /** A noun compound the vocabulary does not know is a candidate for the vocabulary builder as a whole. */
    private static void keepUnknownCompounds(SentenceGraph g, String text, int offset, boolean[] negated,
                                             boolean[] consumed, List<Mention> out) {
        for (int h = 0; h < g.size; h++) {
            if (consumed[h] || !g.isCommonNoun(h) || isMisreadVerb(g, h)) {
                continue;
            }
            int from = h;
            while (from > 0 && !consumed[from - 1] && g.head[from - 1] == h
                    && g.relation[from - 1].equals("compound") && g.isCommonNoun(from - 1)
                    && hasLatinLetter(g.word[from - 1])) {
                from--;
            }
            if (from < h) {
                out.add(mention(g, text, offset, from, h, spellings(g, from, h)[0], OBJECT_SCENE, negated[h], null));
            }
        }
    }

    // ------------------------------------------------------------------ single words

    private void singleWord(SentenceGraph g, String text, int offset, int i, boolean[] negated, List<Mention> out) {
        if (g.lemma[i].equals("one") && i > 0 && g.lemma[i - 1].equals("no")) {
            out.add(mention(g, text, offset, i - 1, i, "person", OBJECT_SCENE, true,
                    lookup.best(OBJECT_SCENE, "person")));
        } else if (g.isNoun(i)) {
            noun(g, text, offset, i, negated, out);
        } else if (g.isAdjective(i)) {
            int thing = describedThing(g, i);
            if (thing >= 0 && isPictureItself(g, thing)) {
                // "a black and white photo of a bus": the colours are the photo's, not the bus's
                return;
            }
            if (thing >= 0 && lower(g.word[i]).endsWith("ed")) {
                // "glazed donuts", "a mixed group": a participle names a state, its verb ("glaze") is no attribute
                participle(g, text, offset, i, negated[thing], out);
            } else if (thing >= 0 && !WordLists.EMPTY_ADJECTIVES.contains(g.lemma[i])) {
                add(g, text, offset, i, ATTRIBUTE, negated[thing], out, g.lemma[i], lower(g.word[i]));
            } else if (thing < 0 && isNominal(g, i)) {
                // "a person with a remote": the tagger's adjective is the noun of its phrase
                add(g, text, offset, i, OBJECT_SCENE, g.hasChild(i, "det", "no"), out, g.lemma[i], lower(g.word[i]));
            }
        } else if (g.isVerb(i)) {
            verb(g, text, offset, i, negated, out);
        }
    }

    private void noun(SentenceGraph g, String text, int offset, int i, boolean[] negated, List<Mention> out) {
        String lemma = g.lemma[i];
        if (WordLists.NOBODY.contains(lemma)) {
            out.add(mention(g, text, offset, i, i, "person", OBJECT_SCENE, true,
                    lookup.best(OBJECT_SCENE, "person")));
            return;
        }
        if (isMisreadVerb(g, i)) {
            String verb = morphology.lemma(lower(g.word[i]), "VBZ");
            add(g, text, offset, i, ACTION, negated[i], out, verb, lower(g.word[i]));
            return;
        }
        if (g.relation[i].equals("fixed") || isCompoundModifier(g, i) || collectsItsModifier(g, i)
                || (WordLists.QUANTIFIERS.contains(lemma) || WordLists.RELATIONAL.contains(lemma))
                && g.governsOfPhrase(i)) {
            return;
        }
        if (isPictureItself(g, i) || isTheViewer(g, i)) {
            return;
        }
        if (i + 1 < g.size && WordLists.COLOURED.contains(lower(g.word[i + 1]))) {
            // "a cream colored couch", "gold colored scissors": a colour, no cream and no gold
            return;
        }
        if (isRepeatedAroundBy(g, i)) {
            // "side by side", "row by row": how things stand, not a thing
            return;
        }
        if (g.isCommonNoun(i)) {
            TagMatch match = lookup.best(OBJECT_SCENE, lemma, lower(g.word[i]));
            if (isToyOf(g, i)) {
                // "a stuffed bear": a toy, no bear; the toy's own names ("stuffed animal", "teddy bear") are
                // read whole by the multiword rule
                out.add(mention(g, text, offset, i, i, lemma, OBJECT_SCENE, true, match));
                return;
            }
            // a noun in -ing that reaches a tag only as a verb's inflection names the activity, not the thing:
            // "skiing down a slope" shows no skis, "a bearing" no bear
            if (match != null && match.rule() == MatchRule.BASE_FORM && lemma.endsWith("ing")) {
                match = null;
            }
            out.add(mention(g, text, offset, i, i, lemma, OBJECT_SCENE, negated[i], match));
        } else {
            // a proper noun is a tag only when the vocabulary knows it ("Frisbee", "Bowls" opening a sentence);
            // names of people and brands are not
            TagMatch match = lookup.best(OBJECT_SCENE, lemma, lower(g.word[i]), commonNounLemma(g, i));
            if (match != null) {
                out.add(mention(g, text, offset, i, i, lemma, OBJECT_SCENE, negated[i], match));
            }
        }
    }

    /**
     * The first noun of an unknown compound ("visitor center", "dog bed") is not a thing of the picture: the
     * compound names one thing, its head; the compound itself is kept whole as a candidate. Except where the
     * head says the first noun is there too ({@link #showsItsModifier}), unless that noun is a quantity ("a
     * couple slices").
     */
    private static boolean isCompoundModifier(SentenceGraph g, int i) {
        int head = g.head[i];
        boolean compound = g.relation[i].equals("compound") && head > i && g.isNoun(head)
                && hasLatinLetter(g.word[head]);
        return compound && (WordLists.QUANTIFIERS.contains(g.lemma[i])
                || !showsItsModifier(g, head) && !isInterrupted(g, i, head) && !isToyOf(g, head));
    }

    /**
     * A compound's nouns stand together: a "compound" across an article, a verb, a word in -ing or a conjunction
     * of nouns is the tagger's misreading of a thing and what follows it ("A man wearing sunglasses", "a horse
     * and a donkey eating grass", "A cat drinking water"). Adjectives between are modifiers of the same thing
     * ("an orange and white cat", "a baby black bear").
     */
    private static boolean isInterrupted(SentenceGraph g, int modifier, int head) {
        for (int k = modifier + 1; k < head; k++) {
            String pos = g.pos[k];
            boolean conjoinsAnother = pos.equals("CC") && !g.isAdjective(k + 1);
            if (pos.equals("DT") || pos.startsWith("VB") || lower(g.word[k]).endsWith("ing") || conjoinsAnother) {
                return true;
            }
        }
        return false;
    }

    /**
     * Compound heads whose first noun is in the picture:
     * <ul>
     * <li>a quantity ("a captive elephant family"), as in "a family of elephants";</li>
     * <li>a word in -ing: mostly a thing and its participle that the tagger read as one noun ("Sheep grazing in
     *     a grassy field", "A snowboarder balancing while moving"), else an activity or a part of the thing
     *     ("horse riding", "kite string");</li>
     * <li>a verb the tagger read as a plural noun, which the singular article gives away ("A man races a
     *     horse", "A small child lounges with a remote"): the first noun is its subject;</li>
     * <li>a thing that holds or bears the first ("clock tower", "toothbrush holder", "fruit stand");</li>
     * <li>a part or place of the first ("a laptop screen", "orange slices", "the stove top"), as in "the top
     *     of the stove".</li>
     * </ul>
     */
    private static boolean showsItsModifier(SentenceGraph g, int head) {
        String lemma = g.lemma[head];
        return collectsItsModifier(g, head) || lower(g.word[head]).endsWith("ing") || isMisreadVerb(g, head)
                || WordLists.HOLDERS.contains(lemma) || WordLists.PARTS.contains(lemma)
                || WordLists.RELATIONAL.contains(lemma);
    }

    /**
     * "A man races ...": a plural noun under "a" with a singular noun before it is a verb and its subject ("a
     * couple giraffes" is a quantity).
     */
    private static boolean isMisreadVerb(SentenceGraph g, int noun) {
        if (!g.pos[noun].equals("NNS") || !g.hasChild(noun, "det", "a")) {
            return false;
        }
        for (int c : g.children(noun)) {
            if (c < noun && g.relation[c].equals("compound") && g.pos[c].equals("NN")
                    && !WordLists.QUANTIFIERS.contains(g.lemma[c])) {
                return true;
            }
        }
        return false;
    }

    /**
     * A quantity noun with a noun modifier ("a captive elephant family", "a couple of patio sets") counts what
     * the modifier names, as "a family of elephants" does: the modifier is the thing, the quantity none.
     */
    private static boolean collectsItsModifier(SentenceGraph g, int i) {
        if (!WordLists.QUANTIFIERS.contains(g.lemma[i])) {
            return false;
        }
        for (int c : g.children(i)) {
            if (c < i && g.relation[c].equals("compound") && g.isNoun(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A noun modified by "stuffed", "plush" or "toy" that is not itself a toy's name ("stuffed toy", "plush
     * teddy"): "a toy kitchen", "some toy people".
     */
    private static boolean isToyOf(SentenceGraph g, int noun) {
        if (WordLists.TOYS.contains(g.lemma[noun])) {
            return false;
        }
        for (int c : g.children(noun)) {
            boolean modifier = g.relation[c].equals("amod") || g.relation[c].equals("compound");
            if (modifier && WordLists.TOY_MAKERS.contains(lower(g.word[c]))) {
                return true;
            }
        }
        return false;
    }

    /** The lemma a capitalized word would have as a common noun: CoreNLP leaves "Bowls" (NNPS) as it is. */
    private String commonNounLemma(SentenceGraph g, int i) {
        return morphology.lemma(lower(g.word[i]), g.pos[i].equals("NNPS") ? "NNS" : "NN");
    }

    private void verb(SentenceGraph g, String text, int offset, int i, boolean[] negated, List<Mention> out) {
        String rel = g.relation[i];
        if (rel.startsWith("aux") || rel.equals("cop") || WordLists.LINKING_VERBS.contains(g.lemma[i])) {
            return;
        }
        int head = g.head[i];
        if (rel.equals("compound") && head > i && g.isNoun(head)) {
            // "drink glasses", "a cutting board": the tagger's verb modifies a thing, nothing is done
            return;
        }
        boolean modifiesThing = head >= 0 && g.isNoun(head) && (rel.equals("amod") || rel.startsWith("acl"));
        if (isStateParticiple(g, i, modifiesThing)) {
            // "a parked car", "a truck filled with produce", "the plane is docked": a state, read as written
            // and only as a name ("park" would be the place, "glaze" the coating)
            participle(g, text, offset, i, modifiesThing && negated[head], out);
            return;
        }
        int subject = subjectOf(g, i);
        if (!modifiesThing && subject < 0 && !hasThingArgument(g, i)) {
            return;
        }
        int pronoun = g.child(i, "nsubj");
        if (pronoun >= 0 && WordLists.VIEWERS.contains(g.lemma[pronoun])) {
            // "we see a horse", "I love the way the sun ...": the viewer's, not an action in the picture
            return;
        }
        if (g.relation[i].equals("xcomp") && g.hasChild(i, "mark", "to")) {
            // "trying to launch a kite", "waiting to cross": what someone means to do, not what the picture shows
            return;
        }
        int object = g.child(i, "obj");
        if (object >= 0 && WordLists.LIGHT_VERBS.contains(g.lemma[i]) && WordLists.LIGHT_VERB_OBJECTS.contains(g.lemma[object])) {
            // "taking a walk", "striking a pose": the object names the action, the verb only carries it
            return;
        }
        int actor = subject >= 0 ? subject : modifiesThing && actsItself(g, i) ? head : -1;
        if (actor >= 0 && lookup.isStateVerb(g.lemma[i]) && isInanimate(g, actor)) {
            // "a toilet sitting next to a trash can": a thing in its place, not the action sit
            return;
        }
        if (actor >= 0 && WordLists.SIGNS.contains(g.lemma[actor]) && !lookup.isStateVerb(g.lemma[i])) {
            // "a street sign pointing towards 8th avenue", "signs give directions": what a sign says ("signs hung
            // over the streets" are where they hang)
            return;
        }
        boolean denied = g.hasChild(i, "advmod", "not") || g.hasChild(i, "advmod", "never")
                || g.hasChild(i, "advmod", "n't") || (subject >= 0 && negated[subject])
                || (modifiesThing && negated[head]);
        add(g, text, offset, i, ACTION, denied, out, g.lemma[i], lower(g.word[i]));
    }

    /**
     * Whether the thing a verb modifies is what does it: not when the verb has a subject of its own other than a
     * relative pronoun ("a table where one of them is cutting a cake").
     */
    private static boolean actsItself(SentenceGraph g, int verb) {
        int subject = g.child(verb, "nsubj");
        return subject < 0 || WordLists.RELATIVE_PRONOUNS.contains(g.lemma[subject]);
    }

    /**
     * A past participle that describes a thing rather than an action going on: modifying a noun ("a parked car",
     * "a bus parked by the curb"), a passive without an agent ("urinals are displayed") or a past tense without
     * an object of a thing that cannot act; "a cart pulled by a horse" names who acts and "scissors being used"
     * an action going on.
     */
    private boolean isStateParticiple(SentenceGraph g, int verb, boolean modifiesThing) {
        boolean pastWithoutAuxiliary = g.pos[verb].equals("VBD")
                || g.pos[verb].equals("VBN") && g.child(verb, "aux") < 0;
        if (pastWithoutAuxiliary && !modifiesThing && g.child(verb, "obj") < 0 && g.child(verb, "nsubj:pass") < 0) {
            // "A box filled with donuts", "A train stopped at a station": the tagger's past tense of a thing that
            // cannot act is a participle describing it
            int subject = subjectOf(g, verb);
            return subject >= 0 && isInanimate(g, subject);
        }
        if (!g.pos[verb].equals("VBN") || g.child(verb, "obl:agent") >= 0) {
            return false;
        }
        for (int c : g.children(verb)) {
            if (g.relation[c].startsWith("aux") && lower(g.word[c]).equals("being")) {
                return false;
            }
        }
        return modifiesThing || g.child(verb, "aux:pass") >= 0 || g.child(verb, "nsubj:pass") >= 0;
    }

    private void participle(SentenceGraph g, String text, int offset, int i, boolean negated, List<Mention> out) {
        String written = lower(g.word[i]);
        TagMatch match = lookup.best(ATTRIBUTE, written);
        boolean asWritten = match != null && match.rule().compareTo(MatchRule.BASE_FORM) < 0;
        out.add(mention(g, text, offset, i, i, written, ATTRIBUTE, negated, asWritten ? match : null));
    }

    /**
     * A photograph or picture that is the caption's picture itself, not a thing in it: it heads the caption's
     * "X of Y" ("A photo of a dog", "This is an old picture of a street") or is the subject that shows
     * something ("A black and white photo shows two men") or frames what happens ("a man fixing a toilet in a
     * black and white photo"), not an object or place of a verb ("a man taking a picture", "a picture on the
     * wall").
     */
    private boolean isPictureItself(SentenceGraph g, int noun) {
        if (!lookup.isDepiction(g.lemma[noun])) {
            return false;
        }
        String rel = g.relation[noun];
        if (rel.equals("root")) {
            return g.governsOfPhrase(noun) || g.child(noun, "cop") >= 0;
        }
        int head = g.head[noun];
        return rel.equals("nsubj") && g.isVerb(head) && g.child(head, "obj") >= 0
                || rel.startsWith("obl") && g.hasChild(noun, "case", "in");
    }

    /**
     * The camera or photographer something looks at, poses for or notices is on the viewer's side of the picture,
     * not in it: "a giraffe turning its head to look at the camera", "grimaces for the camera", "a zebra notices
     * the photographer"; "a man holding a camera" keeps it.
     */
    private static boolean isTheViewer(SentenceGraph g, int noun) {
        if (!WordLists.VIEWPOINTS.contains(g.lemma[noun]) || g.head[noun] < 0 || !g.isVerb(g.head[noun])) {
            return false;
        }
        String rel = g.relation[noun];
        boolean turnedTo = rel.startsWith("obl") && g.children(noun).stream()
                .anyMatch(c -> g.relation[c].equals("case") && WordLists.TOWARDS.contains(g.lemma[c]));
        return turnedTo || rel.equals("obj") && WordLists.NOTICING_VERBS.contains(g.lemma[g.head[noun]]);
    }

    /** A noun on either side of a "by" that repeats it: "side by side". */
    private static boolean isRepeatedAroundBy(SentenceGraph g, int noun) {
        String lemma = g.lemma[noun];
        return noun + 2 < g.size && g.lemma[noun + 1].equals("by") && g.lemma[noun + 2].equals(lemma)
                || noun >= 2 && g.lemma[noun - 1].equals("by") && g.lemma[noun - 2].equals(lemma);
    }

    /**
     * Whether the noun is a thing that cannot act, read with its compound modifier first ("a teddy bear"), or a
     * toy of a being ("a stuffed bear is sitting outside"); a quantity is what it counts ("a bunch of bananas").
     */
    private boolean isInanimate(SentenceGraph g, int noun) {
        if (WordLists.QUANTIFIERS.contains(g.lemma[noun])) {
            // "a bunch of girls sit", "a pile of luggage sitting": what the quantity counts is what sits
            int counted = g.ofPhrase(noun);
            if (counted < 0 && collectsItsModifier(g, noun)) {
                counted = g.child(noun, "compound");
            }
            // alone, a quantity is of people: "a large group is sitting together"
            return counted >= 0 && g.isNoun(counted) && isInanimate(g, counted);
        }
        if (isToyOf(g, noun)) {
            return true;
        }
        int modifier = g.child(noun, "compound");
        if (modifier >= 0 && modifier == noun - 1) {
            String name = g.lemma[modifier] + " " + g.lemma[noun];
            if (lookup.isInanimate(name)) {
                return true;
            }
        }
        return lookup.isInanimate(g.lemma[noun]);
    }

    private static int subjectOf(SentenceGraph g, int verb) {
        int s = g.child(verb, "nsubj");
        return s >= 0 && g.isNoun(s) ? s : -1;
    }

    private static boolean hasThingArgument(SentenceGraph g, int verb) {
        for (int c : g.children(verb)) {
            String rel = g.relation[c];
            boolean argument = rel.startsWith("obj") || rel.startsWith("iobj") || rel.startsWith("obl")
                    || rel.startsWith("nsubj");
            if (argument && (g.isNoun(c) || g.pos[c].startsWith("PRP"))) {
                return true;
            }
        }
        return false;
    }

    /** An adjective that heads a noun phrase of its own: it has an article and modifies nothing. */
    private static boolean isNominal(SentenceGraph g, int adjective) {
        String rel = g.relation[adjective];
        boolean argument = rel.startsWith("obj") || rel.startsWith("obl") || rel.startsWith("nmod")
                || rel.startsWith("nsubj") || rel.equals("conj");
        return argument && (g.hasChild(adjective, "det", "a") || g.hasChild(adjective, "det", "the"));
    }

    /** The noun an adjective describes: its head for "a black dog", the subject for "the dog is black", or -1. */
    private static int describedThing(SentenceGraph g, int adjective) {
        for (int k = adjective, hops = 0; k >= 0 && hops < 4; k = g.head[k], hops++) {
            if (g.relation[k].equals("amod") && g.head[k] >= 0 && g.isNoun(g.head[k])) {
                return g.head[k];
            }
            int subject = g.child(k, "nsubj");
            if (subject >= 0 && g.isNoun(subject) && g.child(k, "cop") >= 0) {
                return subject;
            }
            if (!g.relation[k].equals("conj") || g.head[k] < 0 || !g.isAdjective(g.head[k])) {
                return -1;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ negation

    /**
     * A thing something only looks like is not in the picture: "an umbrella decorated like a bear", "a cake
     * shaped like a bus", "a Lego set mimicking a kitchen". "Like" after a noun gives examples that are there
     * ("items like scissors and a sink").
     */
    private static boolean isLikenedTo(SentenceGraph g, int noun) {
        int head = g.head[noun];
        if (head < 0 || g.isNoun(head)) {
            return false;
        }
        return g.hasChild(noun, "case", "like")
                || g.relation[noun].startsWith("obj") && WordLists.RESEMBLING_VERBS.contains(g.lemma[head]);
    }

    /** "A table with place settings for 7 people": how many something is for, not who is there. */
    private static boolean isCapacity(SentenceGraph g, int noun) {
        return g.hasChild(noun, "case", "for") && g.child(noun, "nummod") >= 0;
    }

    /**
     * Nouns the caption denies ("no people", "without a helmet", "not wearing a hat", "missing a sink"), only
     * likens something to, or counts what something is for, and their conjuncts.
     */
    private static boolean[] negatedNouns(SentenceGraph g) {
        boolean[] negated = new boolean[g.size];
        for (int i = 0; i < g.size; i++) {
            if (!g.isNoun(i)) {
                continue;
            }
            int head = g.head[i];
            String rel = g.relation[i];
            boolean deniedVerb = head >= 0 && g.isVerb(head) && (rel.startsWith("obj") || rel.startsWith("obl"))
                    && (g.hasChild(head, "advmod", "not") || g.hasChild(head, "advmod", "never")
                    || g.hasChild(head, "advmod", "n't"));
            boolean lacked = head >= 0 && rel.startsWith("obj") && WordLists.LACKING_VERBS.contains(g.lemma[head]);
            negated[i] = g.hasChild(i, "det", "no") || g.hasChild(i, "case", "without") || deniedVerb || lacked
                    || WordLists.NOBODY.contains(g.lemma[i]) || isLikenedTo(g, i) || isCapacity(g, i);
        }
        // "no people or cars": a bare conjunct shares the denial
        for (int i = 0; i < g.size; i++) {
            int head = g.head[i];
            if (g.relation[i].equals("conj") && head >= 0 && negated[head] && g.isNoun(i) && g.child(i, "det") < 0) {
                negated[i] = true;
            }
        }
        return negated;
    }

    // ------------------------------------------------------------------ building mentions

    private void add(SentenceGraph g, String text, int offset, int i, TagKind kind, boolean negated,
                     List<Mention> out, String... forms) {
        TagMatch match = lookup.best(kind, forms);
        if (match != null && kind != OBJECT_SCENE && match.kind() != kind
                && match.rule().compareTo(MatchRule.BASE_FORM) > 0) {
            // WordNet links a tag of another kind through its own part of speech: the noun "lounge" is a
            // couch, the verb ("people lounging on mushrooms") is none
            match = null;
        }
        out.add(mention(g, text, offset, i, i, forms[0], kind, negated, match));
    }

    private static Mention mention(SentenceGraph g, String text, int offset, int from, int last, String lemma,
                                   TagKind kind, boolean negated, TagMatch tag) {
        String surface = text.substring(g.begin[from], g.end[last]);
        return new Mention(surface, lemma, kind, offset + from, offset + last + 1, negated, tag);
    }

    private static String lower(String word) {
        return word.toLowerCase(Locale.ROOT);
    }

    static boolean hasLatinLetter(String word) {
        for (int k = 0; k < word.length(); ) {
            int cp = word.codePointAt(k);
            if (Character.isLetter(cp) && Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN) {
                return true;
            }
            k += Character.charCount(cp);
        }
        return false;
    }
}
