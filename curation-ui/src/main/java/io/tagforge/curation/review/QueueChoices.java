package io.tagforge.curation.review;

import io.tagforge.curation.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** What the queue's filters offer: datasets and tags (tags searched lazily: there are thousands). */
@Service
@RolesAllowed(Roles.ANNOTATOR)
public class QueueChoices {

    public record Choice(int id, String name) {
    }

    private final JdbcClient jdbc;

    QueueChoices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Choice> datasets() {
        return jdbc.sql("SELECT id, name FROM dataset ORDER BY name").query(Choice.class).list();
    }

    /** Live tags whose name starts with the text, by name. */
    public List<Choice> tags(String prefix, int offset, int limit) {
        return jdbc.sql("""
                        SELECT id, name FROM tag WHERE NOT deprecated AND lower(name) LIKE ? ESCAPE '\\'
                         ORDER BY lower(name), id OFFSET ? LIMIT ?""")
                .params(likePrefix(prefix), offset, limit).query(Choice.class).list();
    }

    static String likePrefix(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
        return t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
