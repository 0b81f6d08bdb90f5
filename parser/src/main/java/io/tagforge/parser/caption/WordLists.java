package io.tagforge.parser.caption;

import java.util.Set;

/** The closed word classes the rules need; everything else is left to the parse and the vocabulary. */
final class WordLists {

    private WordLists() {
    }

    /** Nouns that only count or collect things when followed by "of": "a group of people", "a family of elephants". */
    static final Set<String> QUANTIFIERS = Set.of("group", "couple", "pair", "bunch", "lot", "lots", "number",
            "variety", "assortment", "collection", "set", "array", "series", "handful", "dozen", "plenty",
            "few", "several", "amount", "selection", "kind", "sort", "type", "piece", "bit", "family", "line", "row",
            "pile", "stack", "cluster", "batch", "bundle", "fleet");

    /** Pronouns that stand for the noun their clause modifies: "a clock that is hanging". */
    static final Set<String> RELATIVE_PRONOUNS = Set.of("that", "which", "who");

    /** Nouns that place things when followed by "of": "in front of", "on top of", "the side of the road". */
    static final Set<String> RELATIONAL = Set.of("front", "top", "middle", "side", "edge", "back", "bottom",
            "center", "centre", "end", "rest", "part", "corner", "inside", "outside", "half", "view", "close");

    /** Pronouns that deny a person: "nobody", "no-one". */
    static final Set<String> NOBODY = Set.of("nobody", "no-one", "noone");

    /** Adjectives that describe nothing: "other", "several", "next". */
    static final Set<String> EMPTY_ADJECTIVES = Set.of("other", "many", "several", "few", "various", "different",
            "same", "next", "such", "own", "much", "more", "most", "certain", "numerous", "multiple", "last",
            "first", "second", "third", "only", "single", "whole", "entire");

    /** Verbs that link things without being an action: "there is", "a kitchen has a stove". */
    static final Set<String> LINKING_VERBS = Set.of("be", "have", "do", "get", "seem", "appear", "contain",
            "include", "feature", "show", "become", "let", "make");

    /** Verbs that deny their object as "without" does: "a kitchen missing a sink". */
    static final Set<String> LACKING_VERBS = Set.of("miss", "lack");

    /** Verbs whose object is only imitated: "a Lego set mimicking a kitchen and people". */
    static final Set<String> RESEMBLING_VERBS = Set.of("resemble", "mimic", "imitate", "impersonate");

    /** Nouns that hold or bear what their compound's first noun names: "clock tower", "toothbrush holder". */
    static final Set<String> HOLDERS = Set.of("tower", "holder", "stand", "rack", "shelf");

    /** Nouns that name a part of what their compound's first noun names: "car window", "laptop screen". */
    static final Set<String> PARTS = Set.of("window", "door", "screen", "wheel", "tire", "engine", "hood",
            "roof", "windshield", "bumper", "handle", "lid", "wing", "tail", "cockpit", "trunk", "head", "neck",
            "face", "mane", "paw", "beak", "tusk", "crust", "peel", "slice", "wedge");

    /** Modifiers that make a toy of a thing: "a stuffed bear", "a plush giraffe", "a toy kitchen", "toy people". */
    static final Set<String> TOY_MAKERS = Set.of("stuffed", "plush", "toy");

    /** Subjects that are the viewer, not in the picture: "we see a horse", "I love the way the sun ...". */
    static final Set<String> VIEWERS = Set.of("i", "we", "you");

    /** Nouns that can be the viewer's side of the picture: "looks at the camera", "notices the photographer". */
    static final Set<String> VIEWPOINTS = Set.of("camera", "photographer", "cameraman", "viewer", "lens");

    /** Prepositions that turn a look or a pose to the viewer: "at the camera", "for the camera", "into the lens". */
    static final Set<String> TOWARDS = Set.of("at", "for", "to", "toward", "towards", "into");

    /** Things that say where to go: what a sign "points", "directs", "reads" or "gives" is no action seen. */
    static final Set<String> SIGNS = Set.of("sign", "signpost", "signboard", "billboard", "poster", "placard",
            "banner", "arrow", "notice");

    /** Verbs that only notice what they take: "a zebra notices the photographer", "a dog eyeing the camera". */
    static final Set<String> NOTICING_VERBS = Set.of("notice", "eye", "face", "watch", "see", "regard", "spot");

    /** Nouns that name the toy itself, whatever modifies them: "a stuffed toy", "a plush teddy". */
    static final Set<String> TOYS = Set.of("toy", "teddy", "doll", "animal", "plushie");

    /** Words after a noun that make it a colour: "a cream colored couch". */
    static final Set<String> COLOURED = Set.of("colored", "coloured", "color", "colour", "toned", "hued");

    /** Verbs whose object names the action: "taking a walk", "striking a pose", "giving a speech". */
    static final Set<String> LIGHT_VERBS = Set.of("take", "strike", "give", "make", "grab", "catch", "get");

    /** The actions those verbs name with their object. */
    static final Set<String> LIGHT_VERB_OBJECTS = Set.of("walk", "stroll", "break", "nap", "rest", "look", "peek",
            "glance", "bite", "sip", "drink", "swing", "turn", "dip", "pose", "bow", "breath", "breather", "stand",
            "seat", "step", "leap", "jump", "run", "ride", "trip", "spin", "shower", "bath", "speech", "try", "stab",
            "snooze");
}
