package io.tagforge.engine.parse;

import io.tagforge.engine.bulk.StagedRows;
import io.tagforge.engine.review.PairStateOfNewRows;
import io.tagforge.labelsystem.assignment.AssignmentSource;
import io.tagforge.labelsystem.assignment.AssignmentState;
import io.tagforge.labelsystem.vocabulary.TagMatch;
import io.tagforge.parser.caption.ParsedCaption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * What parsing a batch of captions adds to the database, written in the caller's transaction: each caption's
 * tags as assignments (PARSED_ORIGINAL for original captions, PARSED_GENERATED for generated ones), and the
 * surface observations. A rerun drops the batch's parsed rows the parser no longer emits, except rows of a pair
 * a person accepted. Shared by {@link ParseDatasetJob} and the Spark parse stage, so both store the same rows.
 */
public final class ParsedCaptions {

    /** A caption to parse: its origin is 0 (original) or 1 (generated), the codes of the assignment sources. */
    public record Caption(long id, long imageId, short origin, String text) {
    }

    private final List<Caption> captions;
    private final StagedRows rows = new StagedRows("parsed_tag",
            "image_id bigint, tag_id int, caption_id bigint, source smallint");
    private final SurfaceObservations observed = new SurfaceObservations();
    private long original;
    private long generated;

    /** @param parsed the parse of each caption, in the same order */
    public ParsedCaptions(List<Caption> captions, List<ParsedCaption> parsed) {
        this.captions = captions;
        for (int i = 0; i < captions.size(); i++) {
            Caption caption = captions.get(i);
            for (TagMatch tag : parsed.get(i).tags()) {
                // source 0 PARSED_ORIGINAL, 1 PARSED_GENERATED: the same codes as caption origin
                rows.add(caption.imageId(), tag.tagId(), caption.id(), caption.origin());
                if (caption.origin() == 0) {
                    original++;
                } else {
                    generated++;
                }
            }
            observed.add(caption.text(), parsed.get(i));
        }
    }

    /** The job counts this batch adds: captions, parsed_original_tags, parsed_generated_tags. */
    public Map<String, Long> counts() {
        return Map.of("captions", (long) captions.size(), "parsed_original_tags", original,
                "parsed_generated_tags", generated);
    }

    public void write(Connection c, int datasetId) throws SQLException {
        insert(c, datasetId);
        dropNoLongerParsed(c);
        observed.addTo(c, datasetId);
    }

    private void insert(Connection c, int datasetId) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        rows.copy(c);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tag_assignment "
                + "(image_id, dataset_id, tag_id, caption_id, source, " + PairStateOfNewRows.COLUMNS + ") "
                + "SELECT p.image_id, ?, p.tag_id, p.caption_id, p.source, " + PairStateOfNewRows.VALUES
                + " FROM parsed_tag p JOIN tag t ON t.id = p.tag_id" + PairStateOfNewRows.join("p")
                + " ON CONFLICT DO NOTHING")) {
            ps.setInt(1, datasetId);
            ps.executeUpdate();
        }
    }

    /** the batch's parsed rows the parse just made no longer emits (parsed_tag holds what it emits, if any) */
    private void dropNoLongerParsed(Connection c) throws SQLException {
        // image_id first: the identity index leads with it
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM tag_assignment a WHERE a.image_id = ANY (?) "
                + "AND a.caption_id = ANY (?) AND a.source IN (?, ?) AND a.state <> ?" + (rows.isEmpty() ? ""
                : " AND NOT EXISTS (SELECT 1 FROM parsed_tag p WHERE p.caption_id = a.caption_id AND p.tag_id = a.tag_id)"))) {
            ps.setArray(1, c.createArrayOf("bigint", captions.stream().map(Caption::imageId).distinct().toArray()));
            ps.setArray(2, c.createArrayOf("bigint", captions.stream().map(Caption::id).toArray()));
            ps.setShort(3, AssignmentSource.PARSED_ORIGINAL.code());
            ps.setShort(4, AssignmentSource.PARSED_GENERATED.code());
            ps.setShort(5, AssignmentState.ACCEPTED.code());
            ps.executeUpdate();
        }
    }
}
