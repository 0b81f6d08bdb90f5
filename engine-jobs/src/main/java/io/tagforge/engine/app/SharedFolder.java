package io.tagforge.engine.app;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared folder beside the checkout ({@code ../shared}) or {@code TAGFORGE_SHARED}, where RAM's tag lists
 * and the COCO-MINI demo data are.
 */
public record SharedFolder(Path dir) {

    public static SharedFolder locate() {
        String env = System.getenv("TAGFORGE_SHARED");
        if (env != null && !env.isBlank()) {
            return new SharedFolder(Path.of(env));
        }
        Path home = Path.of(System.getProperty("tagforge.checkout", ".")).toAbsolutePath().normalize();
        Path shared = home.resolveSibling("shared");
        return new SharedFolder(Files.isDirectory(shared) ? shared : home.resolve("shared"));
    }

    public Path resolve(String other) {
        return dir.resolve(other);
    }
}
