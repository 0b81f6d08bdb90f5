package io.tagforge.engine.vocab;

import io.tagforge.engine.app.SharedFolder;
import io.tagforge.labelsystem.shareddata.SharedData;
import io.tagforge.labelsystem.vocabulary.DatabaseVocabulary;
import io.tagforge.labelsystem.vocabulary.LookupOptions;
import io.tagforge.labelsystem.vocabulary.RamVocabulary;
import io.tagforge.labelsystem.vocabulary.TagMatch;
import io.tagforge.labelsystem.vocabulary.Vocabulary;
import io.tagforge.labelsystem.wordnet.WordNet;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "lookup", mixinStandardHelpOptions = true,
        description = {"Resolves words and multiword names to tags: one line per word, word<TAB>tag<TAB>rule, "
                + "'-' for tag and rule when nothing matches; several tags are joined with '|', each with its kind.",
                "Uses the database's live tags and names; when the database holds no tag yet, falls back to RAM's "
                        + "ram_tag_list.txt in <shared>/ram (../shared or TAGFORGE_SHARED) and says so on stderr.",
                "Rules: EXACT, SYNONYM, BASE_FORM, WORDNET_SYNONYM, HYPONYM, HYPERNYM."})
public class LookupCommand implements Callable<Integer> {

    private final DataSource dataSource;
    private final SharedFolder shared;

    @Parameters(paramLabel = "WORD", arity = "1..*", description = "words or quoted multiword names")
    List<String> words;

    @Option(names = "--hypernym-depth", paramLabel = "N", defaultValue = "2",
            description = "how many hypernym steps the back-off may climb (default ${DEFAULT-VALUE}; 0 = off)")
    int hypernymDepth;

    LookupCommand(DataSource dataSource, SharedFolder shared) {
        this.dataSource = dataSource;
        this.shared = shared;
    }

    @Override
    public Integer call() {
        LookupOptions options = LabelSystemErrors.asUserErrors(
                () -> LookupOptions.defaults().withHypernymDepth(hypernymDepth));
        Vocabulary vocabulary;
        try (WordNet wordNet = WordNet.open()) {
            if (DatabaseVocabulary.hasTags(dataSource)) {
                vocabulary = DatabaseVocabulary.load(dataSource, wordNet, options);
            } else {
                Path ram = shared.resolve("ram");
                System.err.println("no tags in the database yet: looking up in " + ram.resolve(RamVocabulary.TAG_LIST)
                        + " (import it with ./tagforge vocab import-ram)");
                vocabulary = LabelSystemErrors.asUserErrors(() -> RamVocabulary.load(ram, wordNet, options));
            }
        }
        for (String word : words) {
            System.out.println(line(word, vocabulary.resolve(word)));
        }
        return 0;
    }

    static String line(String word, List<TagMatch> matches) {
        if (matches.isEmpty()) {
            return word + "\t-\t-";
        }
        // one name can be several tags (Tag2Text's "clean" is an attribute and an action): then the kind tells them apart
        boolean kinds = matches.size() > 1;
        return word + "\t" + matches.stream().map(m -> kinds ? m.tagName() + "[" + m.kind() + "]" : m.tagName())
                .collect(Collectors.joining("|")) + "\t"
                + matches.stream().map(m -> m.rule().name()).distinct().collect(Collectors.joining("|"));
    }
}
