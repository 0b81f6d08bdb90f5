package io.tagforge.engine.vocab;

/** Who the audit log names for CLI changes: TAGFORGE_USER, else the operating-system user. */
final class Actor {

    private Actor() {
    }

    static String current() {
        String user = System.getenv("TAGFORGE_USER");
        return user != null && !user.isBlank() ? user : "cli:" + System.getProperty("user.name");
    }
}
