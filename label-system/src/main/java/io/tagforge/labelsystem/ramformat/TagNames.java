package io.tagforge.labelsystem.ramformat;

import io.tagforge.labelsystem.tag.TagKind;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The rules every imported English tag name obeys, checked line by line so that errors name the line. */
final class TagNames {

    static final int MAX_LENGTH = 200;

    private TagNames() {
    }

    /**
     * Checks the names of a list whose line {@code i} has kind {@code kinds.get(i)}: no blanks, no surrounding
     * spaces or tabs, at most 200 characters, and no name twice within a kind (any case).
     */
    static void check(TextLines file, List<TagKind> kinds) {
        file.requireNoBlankLines();
        Map<String, Integer> firstLine = new HashMap<>();
        for (int i = 0; i < file.lines().size(); i++) {
            String name = file.lines().get(i);
            int line = i + 1;
            if (!name.equals(name.strip())) {
                throw TagListException.at(file.file(), line, "tag name \"" + name + "\" has leading or trailing spaces");
            }
            if (name.indexOf('\t') >= 0) {
                throw TagListException.at(file.file(), line, "tag name contains a tab");
            }
            if (name.length() > MAX_LENGTH) {
                throw TagListException.at(file.file(), line, "tag name longer than " + MAX_LENGTH + " characters");
            }
            Integer previous = firstLine.putIfAbsent(kinds.get(i) + ":" + name.toLowerCase(Locale.ROOT), line);
            if (previous != null) {
                throw TagListException.at(file.file(), line, "duplicate tag name \"" + name + "\" (first on line "
                        + previous + ")");
            }
        }
    }
}
