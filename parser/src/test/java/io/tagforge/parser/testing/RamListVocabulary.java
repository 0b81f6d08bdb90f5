package io.tagforge.parser.testing;

import io.tagforge.labelsystem.shareddata.SharedData;
import io.tagforge.labelsystem.tag.TagKind;
import io.tagforge.labelsystem.vocabulary.MatchRule;
import io.tagforge.labelsystem.vocabulary.TagMatch;
import io.tagforge.labelsystem.vocabulary.Vocabulary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The exact names of RAM's tag list (id = 0-based line), plus optional extra names for a test: a vocabulary with
 * no WordNet, so that a test can pin what the parser itself does.
 */
public final class RamListVocabulary implements Vocabulary {

    private final Map<String, TagMatch> names = new HashMap<>();
    private int maxWords = 1;

    public static RamListVocabulary load() {
        try {
            List<String> lines = Files.readAllLines(SharedData.dir().resolve("ram/ram_tag_list.txt"),
                    StandardCharsets.UTF_8);
            RamListVocabulary v = new RamListVocabulary();
            for (int id = 0; id < lines.size(); id++) {
                String name = lines.get(id).trim();
                v.put(name, new TagMatch(id, name, TagKind.OBJECT_SCENE, MatchRule.EXACT));
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds a synonym: {@code form} resolves to the tag named {@code tagName}. */
    public RamListVocabulary withSynonym(String form, String tagName) {
        TagMatch tag = names.get(tagName);
        put(form, new TagMatch(tag.tagId(), tag.tagName(), tag.kind(), MatchRule.SYNONYM));
        return this;
    }

    private void put(String form, TagMatch match) {
        names.putIfAbsent(form.toLowerCase(Locale.ROOT), match);
        maxWords = Math.max(maxWords, form.split(" ").length);
    }

    @Override
    public List<TagMatch> resolve(String surface) {
        TagMatch m = names.get(surface.toLowerCase(Locale.ROOT));
        return m == null ? List.of() : List.of(m);
    }

    @Override
    public int maxNameWords() {
        return maxWords;
    }
}
