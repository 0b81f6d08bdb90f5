package io.tagforge.labelsystem.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseSettingsTest {

    @Test
    void environmentNamesTheServer() {
        DatabaseSettings s = DatabaseSettings.from(Map.of("TAGFORGE_DB_URL", "jdbc:postgresql://db/x",
                "TAGFORGE_DB_USER", "tf", "TAGFORGE_DB_PASSWORD", "secret"));
        assertThat(s.url()).contains("jdbc:postgresql://db/x");
        assertThat(s.user()).isEqualTo("tf");
        assertThat(s.password()).isEqualTo("secret");
    }

    @Test
    void noUrlMeansEmbeddedUnderTagforgeHome() {
        DatabaseSettings s = DatabaseSettings.from(Map.of("TAGFORGE_DB_URL", " ", "TAGFORGE_HOME", "/data/tf"));
        assertThat(s.url()).isEmpty();
        assertThat(s.home()).isEqualTo(Path.of("/data/tf"));
        assertThat(DatabaseSettings.from(Map.of("TAGFORGE_HOME", " ")).home())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".tagforge"));
    }

    @Test
    void postmasterPidOfALiveProcessGivesItsPort(@TempDir Path dir) throws IOException {
        long self = ProcessHandle.current().pid();
        Files.writeString(dir.resolve("postmaster.pid"), self + "\n/data\n1700000000\n54321\n/tmp\n");
        assertThat(Database.runningPostmasterPort(dir)).isEqualTo(54321);

        Files.writeString(dir.resolve("postmaster.pid"), "999999999\n/data\n1700000000\n54321\n");
        assertThat(Database.runningPostmasterPort(dir)).isNull();
    }

    @Test
    void embeddedServerKeepsItsDataBetweenRuns(@TempDir Path home) throws Exception {
        DatabaseSettings settings = new DatabaseSettings(java.util.Optional.empty(), "postgres", "", home);
        try (Database db = Database.open(settings); var c = db.dataSource().getConnection(); var st = c.createStatement()) {
            st.execute("INSERT INTO dataset (name, format) VALUES ('kept', 'tsv')");
        }
        try (Database db = Database.open(settings); var c = db.dataSource().getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT name FROM dataset")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("kept");
        }
    }
}
