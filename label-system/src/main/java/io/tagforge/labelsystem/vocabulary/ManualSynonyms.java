package io.tagforge.labelsystem.vocabulary;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Curated corrections to WordNet's reading of a surface form (file {@code manual-synonyms.tsv} beside this class):
 * the tag name a surface means in captions, or none where WordNet's first sense is not the everyday one.
 */
final class ManualSynonyms {

    private static final String FILE = "manual-synonyms.tsv";
    private static final String NO_TAG = "-";

    private ManualSynonyms() {
    }

    /** surface key → the tag name it means, empty for no tag */
    static Map<String, Optional<String>> load() {
        Map<String, Optional<String>> rows = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                ManualSynonyms.class.getResourceAsStream(FILE), StandardCharsets.UTF_8))) {
            String line;
            for (int number = 1; (line = in.readLine()) != null; number++) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                if (cols.length != 2 || cols[0].isBlank() || cols[1].isBlank()) {
                    throw new IllegalStateException(FILE + " line " + number + ": expected surface<TAB>tag name or -");
                }
                String tag = cols[1].strip();
                rows.put(SurfaceKey.of(cols[0]), tag.equals(NO_TAG) ? Optional.empty() : Optional.of(tag));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
