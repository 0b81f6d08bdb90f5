package io.tagforge.engine.parse;

import io.tagforge.labelsystem.vocabulary.SurfaceKey;
import io.tagforge.parser.caption.Mention;
import io.tagforge.parser.caption.ParsedCaption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One batch's surface → tag observations (the looked-up form of each emitted tag, its rule, how many mentions,
 * up to three example captions), added to the dataset's in the batch's transaction.
 */
public final class SurfaceObservations {

    private static final int EXAMPLES = 3;

    private record Key(String surface, int tagId, String rule) {
    }

    private static final class Seen {
        long mentions;
        final List<String> examples = new ArrayList<>();
    }

    private final Map<Key, Seen> seen = new LinkedHashMap<>();

    void add(String caption, ParsedCaption parsed) {
        for (Mention m : parsed.mentions()) {
            if (m.isTag()) {
                Seen s = seen.computeIfAbsent(new Key(SurfaceKey.of(m.lemma()), m.tag().tagId(), m.tag().rule().name()),
                        k -> new Seen());
                s.mentions++;
                if (s.examples.size() < EXAMPLES && !s.examples.contains(caption)) {
                    s.examples.add(caption);
                }
            }
        }
    }

    void addTo(Connection c, int datasetId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO surface_observation AS o (dataset_id, surface, tag_id, rule, mentions, examples)
                SELECT ?, ?, t.id, ?, ?, ? FROM tag t WHERE t.id = ?
                ON CONFLICT (dataset_id, surface, tag_id, rule) DO UPDATE
                SET mentions = o.mentions + EXCLUDED.mentions, examples = (o.examples || EXCLUDED.examples)[1:%d]"""
                .formatted(EXAMPLES))) {
            for (Map.Entry<Key, Seen> e : seen.entrySet()) {
                ps.setInt(1, datasetId);
                ps.setString(2, e.getKey().surface());
                ps.setString(3, e.getKey().rule());
                ps.setLong(4, e.getValue().mentions);
                ps.setArray(5, c.createArrayOf("text", e.getValue().examples.toArray()));
                ps.setInt(6, e.getKey().tagId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Forgets the dataset's observations: a new parse of it observes afresh. */
    public static void clear(Connection c, int datasetId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM surface_observation WHERE dataset_id = ?")) {
            ps.setInt(1, datasetId);
            ps.executeUpdate();
        }
    }
}
