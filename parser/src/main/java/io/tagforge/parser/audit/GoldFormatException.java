package io.tagforge.parser.audit;

import io.tagforge.labelsystem.error.TagforgeException;
import java.nio.file.Path;

/** A gold file that is not in the gold's format: which file, line and field, and what is wrong. */
public final class GoldFormatException extends TagforgeException {

    public GoldFormatException(Path file, int line, String field, String problem) {
        super(file + ":" + line + ": " + field + ": " + problem);
    }
}
