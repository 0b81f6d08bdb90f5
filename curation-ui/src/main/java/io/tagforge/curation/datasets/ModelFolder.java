package io.tagforge.curation.datasets;

import io.tagforge.engine.model.ModelSpec;
import io.tagforge.labelsystem.error.TagforgeException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** A model folder typed into a form: checked before a job starts, so a typo is refused at once, not by a failed job. */
final class ModelFolder {

    private ModelFolder() {
    }

    /** The folder, or null when nothing was typed and the field is optional; refuses a bad folder, naming the field. */
    static Path check(String field, String typed, boolean required) {
        String text = typed == null ? "" : typed.strip();
        if (text.isEmpty()) {
            if (required) {
                throw new TagforgeException(field + ": required");
            }
            return null;
        }
        Path folder;
        try {
            folder = Path.of(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new TagforgeException(field + ": not a path: " + text);
        }
        if (!Files.isDirectory(folder)) {
            throw new TagforgeException(field + ": " + folder + " is not an existing folder");
        }
        try {
            ModelSpec.read(folder);
        } catch (TagforgeException e) {
            throw new TagforgeException(field + ": " + e.getMessage());
        }
        return folder;
    }
}
