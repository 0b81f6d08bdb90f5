package io.tagforge.labelsystem.database;

import io.tagforge.labelsystem.datahome.DataHome;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where Tagforge's PostgreSQL is: {@code TAGFORGE_DB_URL}, {@code TAGFORGE_DB_USER}, {@code TAGFORGE_DB_PASSWORD};
 * with no URL, an embedded server whose data lives under the {@link DataHome}.
 */
public record DatabaseSettings(Optional<String> url, String user, String password, Path home) {

    public static DatabaseSettings fromEnvironment() {
        return from(System.getenv());
    }

    static DatabaseSettings from(Map<String, String> env) {
        String url = blankToNull(env.get("TAGFORGE_DB_URL"));
        return new DatabaseSettings(
                Optional.ofNullable(url),
                Optional.ofNullable(blankToNull(env.get("TAGFORGE_DB_USER"))).orElse("postgres"),
                Optional.ofNullable(env.get("TAGFORGE_DB_PASSWORD")).orElse(""),
                DataHome.from(env));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
