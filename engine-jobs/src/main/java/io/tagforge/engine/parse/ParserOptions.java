package io.tagforge.engine.parse;

import io.tagforge.engine.cli.AppContext;
import io.tagforge.engine.cli.UserException;
import io.tagforge.labelsystem.vocabulary.RamVocabulary;
import io.tagforge.labelsystem.vocabulary.Vocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command that runs the parser shares: {@code --vocab ram|DIR} and {@code --threads N}. */
final class ParserOptions {

    @Option(names = "--vocab", defaultValue = "ram",
            description = "Tag vocabulary: 'ram' (RAM's 4585 tags in ../shared/ram, with WordNet synonyms) or a "
                    + "folder with a ram_tag_list.txt (default ${DEFAULT-VALUE}).")
    String vocab;

    @Option(names = "--threads", description = "Parser threads (default: all cores).")
    Integer threads;

    /** The folder of the RAM tag list. */
    Path vocabularyDir(AppContext context) {
        Path dir = vocab.equals("ram") ? context.sharedDir().resolve("ram") : Path.of(vocab);
        if (!Files.isRegularFile(dir.resolve(RamVocabulary.TAG_LIST))) {
            throw new UserException("--vocab " + vocab + ": no " + RamVocabulary.TAG_LIST + " in " + dir);
        }
        return dir;
    }

    Vocabulary vocabulary(AppContext context) {
        return RamVocabulary.load(vocabularyDir(context));
    }

    int threads() {
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new UserException("--threads must be at least 1");
        }
        return n;
    }
}
