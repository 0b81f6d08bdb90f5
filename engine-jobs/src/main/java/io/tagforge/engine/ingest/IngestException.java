package io.tagforge.engine.ingest;

import io.tagforge.labelsystem.error.TagforgeException;
import java.nio.file.Path;

/** Bad input file: names the file, the line and the field, so the user can go and fix it. */
public class IngestException extends TagforgeException {

    public IngestException(Path file, long line, String field, String problem) {
        super(file.getFileName() + ":" + line + ": " + field + ": " + problem);
    }

    public IngestException(String message) {
        super(message);
    }
}
