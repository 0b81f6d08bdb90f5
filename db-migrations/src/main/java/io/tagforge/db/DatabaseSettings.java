package io.tagforge.db;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where Tagforge's PostgreSQL is: {@code TAGFORGE_DB_URL}, {@code TAGFORGE_DB_USER}, {@code TAGFORGE_DB_PASSWORD};
 * with no URL, an embedded server whose data lives under {@code TAGFORGE_HOME} (default {@code ~/.tagforge}).
 */
public record DatabaseSettings(Optional<String> url, String user, String password, Path home) {

    public static DatabaseSettings fromEnvironment() {
        return from(System.getenv());
    }

    static DatabaseSettings from(Map<String, String> env) {
        String url = blankToNull(env.get("TAGFORGE_DB_URL"));
        String home = blankToNull(env.get("TAGFORGE_HOME"));
        return new DatabaseSettings(
                Optional.ofNullable(url),
                Optional.ofNullable(blankToNull(env.get("TAGFORGE_DB_USER"))).orElse("postgres"),
                Optional.ofNullable(env.get("TAGFORGE_DB_PASSWORD")).orElse(""),
                home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".tagforge"));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
