package io.tagforge.labelsystem.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreMigrationType;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchemaTest {

    @BeforeEach
    void empty() {
        TestDatabase.get().truncateAll();
    }

    @Test
    void migratedSchemaHasEveryTableOfTheDataModel() throws SQLException {
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname='public'")) {
            rs.next();
            assertThat(rs.getString(1).split(",")).contains("tag", "tag_name", "synonym_proposal", "release",
                    "release_tag", "dataset", "image", "caption", "tag_assignment", "flag_evidence", "region",
                    "review", "tag_pair", "pair_decision", "bulk_decision", "pair_lease", "job", "job_log", "export", "app_user", "user_role", "audit_log");
        }
    }

    /** the SQL of db-migrations and the Java seed migrations of label-system, found on one class path */
    @Test
    void freshDatabaseRanEveryMigrationIncludingTheSeeds() {
        MigrationInfoService info = Flyway.configure().dataSource(TestDatabase.dataSource())
                .locations("classpath:db/migration").load().info();
        assertThat(info.pending()).isEmpty();
        assertThat(info.applied()).extracting(m -> m.getVersion().getVersion(), MigrationInfo::getType)
                .contains(tuple("1", CoreMigrationType.SQL), tuple("51", CoreMigrationType.JDBC),
                        tuple("52", CoreMigrationType.JDBC));
    }

    @Test
    void constraintsKeepBadRowsOut() throws SQLException {
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO dataset (id, name, format) VALUES (1, 'd', 'tsv')");
            st.execute("INSERT INTO image (id, dataset_id, path) VALUES (1, 1, 'a.jpg')");
            st.execute("INSERT INTO tag (id, name) VALUES (1, 'dog')");
            st.execute("INSERT INTO caption (id, image_id, origin, text) VALUES (1, 1, 0, 'a dog')");

            assertThatThrownBy(() -> st.execute("INSERT INTO tag (id, name, threshold) VALUES (2, 'cat', 1.5)"))
                    .hasMessageContaining("tag_threshold_check");
            assertThatThrownBy(() -> st.execute("INSERT INTO tag (id, name) VALUES (3, 'DOG')"))
                    .hasMessageContaining("tag_live_name");
            assertThatThrownBy(() -> st.execute("INSERT INTO caption (id, image_id, origin, text) VALUES (2, 1, 0, 'a dog')"))
                    .hasMessageContaining("caption_unique_text");
            // a parsed tag must name its caption; a flagged one its rule
            assertThatThrownBy(() -> st.execute(
                    "INSERT INTO tag_assignment (image_id, dataset_id, tag_id, source) VALUES (1, 1, 1, 0)"))
                    .hasMessageContaining("tag_assignment_check");
            assertThatThrownBy(() -> st.execute(
                    "INSERT INTO tag_assignment (image_id, dataset_id, tag_id, source, state) VALUES (1, 1, 1, 2, 1)"))
                    .hasMessageContaining("tag_assignment_check1");
            st.execute("INSERT INTO tag_assignment (image_id, dataset_id, tag_id, source, caption_id) VALUES (1, 1, 1, 0, 1)");
            assertThatThrownBy(() -> st.execute(
                    "INSERT INTO tag_assignment (image_id, dataset_id, tag_id, source, caption_id) VALUES (1, 1, 1, 0, 1)"))
                    .hasMessageContaining("tag_assignment_identity");
            assertThatThrownBy(() -> st.execute("INSERT INTO image (id, dataset_id, path) VALUES (2, 2, 'b.jpg')"))
                    .hasMessageContaining("image_dataset_id_fkey");
        }
    }
}
