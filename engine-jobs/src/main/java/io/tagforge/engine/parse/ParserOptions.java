package io.tagforge.engine.parse;

import io.tagforge.labelsystem.error.TagforgeException;
import io.tagforge.engine.app.SharedFolder;
import io.tagforge.labelsystem.shareddata.SharedData;
import io.tagforge.labelsystem.vocabulary.DatabaseVocabulary;
import io.tagforge.labelsystem.vocabulary.LookupOptions;
import io.tagforge.labelsystem.vocabulary.RamVocabulary;
import io.tagforge.labelsystem.vocabulary.Vocabulary;
import io.tagforge.labelsystem.wordnet.WordNet;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import picocli.CommandLine.Option;

/** The options every command that runs the parser shares: {@code --vocab ram|db|DIR} and {@code --threads N}. */
public final class ParserOptions {

    @Option(names = "--vocab", defaultValue = "ram",
            description = "Tag vocabulary: 'ram' (RAM's 4585 tags in ../shared/ram, with WordNet synonyms and the "
                    + "seed's curated mappings), 'db' (the database's live tags and curated mappings) or a folder "
                    + "with a ram_tag_list.txt (default ${DEFAULT-VALUE}).")
    String vocab;

    @Option(names = "--threads", description = "Parser threads (default: all cores).")
    Integer threads;

    /** The folder of the RAM tag list (not for --vocab db). */
    Path vocabularyDir(SharedFolder shared) {
        Path dir = vocab.equals("ram") ? shared.resolve("ram") : Path.of(vocab);
        if (!Files.isRegularFile(dir.resolve(RamVocabulary.TAG_LIST))) {
            throw new TagforgeException("--vocab " + vocab + ": no " + RamVocabulary.TAG_LIST + " in " + dir);
        }
        return dir;
    }

    public Vocabulary vocabulary(SharedFolder shared, DataSource dataSource) {
        if (vocab.equals(DATABASE)) {
            if (!DatabaseVocabulary.hasTags(dataSource)) {
                throw new TagforgeException("--vocab db: the database has no tags: import a vocabulary first "
                        + "(./tagforge vocab import-ram)");
            }
            try (WordNet wordNet = WordNet.open()) {
                return DatabaseVocabulary.load(dataSource, wordNet, LookupOptions.defaults());
            }
        }
        return RamVocabulary.load(vocabularyDir(shared));
    }

    private static final String DATABASE = "db";

    public int threads() {
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new TagforgeException("--threads must be at least 1");
        }
        return n;
    }
}
