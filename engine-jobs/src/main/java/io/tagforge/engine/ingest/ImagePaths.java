package io.tagforge.engine.ingest;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Which image references a dataset accepts. With an images folder, a path must stay inside it (no
 * {@code ..}, not absolute); URLs are always fine, since nothing on this machine is read through them.
 */
final class ImagePaths {

    private final Path root;

    ImagePaths(Path root) {
        this.root = root;
    }

    static boolean isUrl(String ref) {
        return ref.startsWith("http://") || ref.startsWith("https://");
    }

    /** The problem with a reference, or null when it is acceptable. */
    String problem(String ref) {
        if (ref.isBlank()) {
            return "empty";
        }
        if (ref.length() > 2048) {
            return "longer than 2048 characters";
        }
        if (isUrl(ref)) {
            return null;
        }
        try {
            Path p = Path.of(ref);
            if (root == null) {
                return null;
            }
            if (p.isAbsolute() || !root.resolve(p).normalize().startsWith(root.normalize())) {
                return "'" + ref + "' is not a relative path inside the images folder";
            }
            return null;
        } catch (InvalidPathException e) {
            return "'" + ref + "' is not a valid path";
        }
    }

    void check(Path file, long line, String field, String ref) {
        String problem = problem(ref);
        if (problem != null) {
            throw new IngestException(file, line, field, problem);
        }
    }
}
