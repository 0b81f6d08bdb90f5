package io.tagforge.labelsystem.vocabulary;

import io.tagforge.labelsystem.mapping.SurfaceMappings;
import io.tagforge.labelsystem.tag.TagKind;
import io.tagforge.labelsystem.wordnet.WordNet;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A vocabulary of the database's live tags (neither deprecated nor merged away): their primary names and
 * their English tag_name forms as synonyms, and the curated surface mappings.
 */
public final class DatabaseVocabulary {

    private static final String NAMES = """
            SELECT t.id, t.name, t.kind, n.form
            FROM tag t LEFT JOIN tag_name n ON n.tag_id = t.id AND n.language = 'en'
            WHERE NOT t.deprecated AND t.merged_into IS NULL
            ORDER BY t.id, n.id""";

    private DatabaseVocabulary() {
    }

    public static InMemoryVocabulary load(DataSource dataSource, WordNet wordNet, LookupOptions options) {
        return InMemoryVocabulary.build(names(dataSource), SurfaceMappings.live(dataSource), wordNet, options);
    }

    /** Whether the database holds any live tag at all. */
    public static boolean hasTags(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM tag WHERE NOT deprecated AND merged_into IS NULL)")) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the tags: " + e.getMessage(), e);
        }
    }

    static List<VocabularyName> names(DataSource dataSource) {
        List<VocabularyName> names = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(NAMES)) {
            int previous = -1;
            while (rs.next()) {
                int id = rs.getInt(1);
                String name = rs.getString(2);
                TagKind kind = TagKind.ofCode(rs.getShort(3));
                if (id != previous) {
                    names.add(VocabularyName.primary(id, name, kind));
                    previous = id;
                }
                String form = rs.getString(4);
                if (form != null && !form.equals(name)) {
                    names.add(VocabularyName.synonym(id, name, kind, form));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the tag names: " + e.getMessage(), e);
        }
        return names;
    }
}
