package io.tagforge.labelsystem.shareddata;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The read-only {@code shared} folder with RAM's tag lists ({@code ram/}) and the COCO data ({@code datasets/}):
 * {@code TAGFORGE_SHARED}, else the {@code shared} folder beside the checkout. The checkout is the launcher's
 * {@code tagforge.checkout}, else the working directory or, for tests, which run in a module's folder, its parent.
 * The one place that finds it, for the CLI, the UI and tests.
 */
public final class SharedData {

    private SharedData() {
    }

    public static Path dir() {
        String env = System.getenv("TAGFORGE_SHARED");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        Path home = Path.of(System.getProperty("tagforge.checkout", "")).toAbsolutePath().normalize();
        for (Path checkout : new Path[] {home, home.getParent()}) {
            if (checkout != null && checkout.getParent() != null && Files.isDirectory(checkout.resolveSibling("shared"))) {
                return checkout.resolveSibling("shared");
            }
        }
        // not there: commands name this folder in their "no such file" errors
        return home.resolveSibling("shared");
    }
}
