package io.tagforge.parser.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The read-only {@code shared} folder beside the checkout (TAGFORGE_SHARED overrides). */
public final class SharedData {

    private SharedData() {
    }

    public static Path dir() {
        String env = System.getenv("TAGFORGE_SHARED");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolveSibling("shared").resolve("ram"))) {
                return p.resolveSibling("shared");
            }
        }
        throw new IllegalStateException("no shared/ folder beside " + Path.of("").toAbsolutePath());
    }
}
