package io.tagforge.labelsystem.ramformat;

import io.tagforge.labelsystem.error.TagforgeException;
import java.nio.file.Path;

/** A tag-list file that cannot be imported; the message names the file and, where there is one, the line. */
public final class TagListException extends TagforgeException {

    public TagListException(String message) {
        super(message);
    }

    static TagListException at(Path file, int line, String problem) {
        return new TagListException(file + " line " + line + ": " + problem);
    }

    static TagListException in(Path file, String problem) {
        return new TagListException(file + ": " + problem);
    }
}
