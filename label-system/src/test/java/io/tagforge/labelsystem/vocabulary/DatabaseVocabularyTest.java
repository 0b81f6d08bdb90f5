package io.tagforge.labelsystem.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagforge.labelsystem.database.TestDatabase;
import io.tagforge.labelsystem.tag.TagKind;
import io.tagforge.labelsystem.wordnet.SharedWordNet;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class DatabaseVocabularyTest {

    @Test
    void liveTagsAndTheirEnglishNames() throws SQLException {
        TestDatabase.get().truncateAll();
        DataSource ds = TestDatabase.dataSource();
        assertThat(DatabaseVocabulary.hasTags(ds)).isFalse();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO tag (id, name, kind) VALUES (10, 'couch', 0), (11, 'run', 2), (12, 'sofa bed', 0);
                    INSERT INTO tag (id, name, kind, deprecated) VALUES (13, 'settee', 0, true);
                    INSERT INTO tag_name (tag_id, form, language, source) VALUES
                        (10, 'davenport', 'en', 2), (10, '沙发', 'zh', 3), (11, 'jog', 'en', 1), (13, 'settee', 'en', 0);
                    """);
        }
        assertThat(DatabaseVocabulary.hasTags(ds)).isTrue();
        InMemoryVocabulary v = DatabaseVocabulary.load(ds, SharedWordNet.get(), LookupOptions.defaults());
        assertThat(v.resolve("Davenports")).containsExactly(
                new TagMatch(10, "couch", TagKind.OBJECT_SCENE, MatchRule.BASE_FORM));
        assertThat(v.resolve("jog")).containsExactly(new TagMatch(11, "run", TagKind.ACTION, MatchRule.SYNONYM));
        assertThat(v.resolve("sofa bed")).extracting(TagMatch::rule).containsExactly(MatchRule.EXACT);
        assertThat(v.resolve("沙发")).isEmpty();
        // the deprecated tag's own name leads to the live couch through WordNet, never to the dead tag
        assertThat(v.resolve("settee")).extracting(TagMatch::tagId).doesNotContain(13);
    }
}
