package io.tagforge.labelsystem.datahome;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where Tagforge keeps its data: {@code TAGFORGE_HOME}, default {@code ~/.tagforge} (the embedded database, the
 * WordNet cache, exports). Not the checkout, which the launcher passes as the {@code tagforge.checkout} property.
 */
public final class DataHome {

    private DataHome() {
    }

    public static Path fromEnvironment() {
        return from(System.getenv());
    }

    public static Path from(Map<String, String> env) {
        String home = env.get("TAGFORGE_HOME");
        return home == null || home.isBlank() ? Path.of(System.getProperty("user.home"), ".tagforge") : Path.of(home);
    }
}
