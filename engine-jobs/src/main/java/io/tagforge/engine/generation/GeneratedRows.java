package io.tagforge.engine.generation;

import io.tagforge.engine.bulk.StagedRows;
import io.tagforge.engine.images.DatasetImages.ImageRow;
import io.tagforge.engine.review.PairStateOfNewRows;
import io.tagforge.labelsystem.assignment.AssignmentSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows {@link BatchGeneration} made of one or more batches, staged for one commit: MODEL assignments with
 * their score, generated captions (origin GENERATED, with the captioner's name) and their PARSED_GENERATED
 * assignments; every insert is idempotent ({@code ON CONFLICT DO NOTHING}). With the job's counts of them.
 */
public final class GeneratedRows {

    private final int datasetId;
    private final String captionModel;
    private final StagedRows modelTags = new StagedRows("generated_tag", "image_id bigint, tag_id int, score real");
    private final StagedRows captions = new StagedRows("generated_caption", "image_id bigint, text text, tag_id int");
    private final List<String> skipped = new ArrayList<>();
    private long images;
    private long generatedCaptions;
    private long parsedTags;

    GeneratedRows(int datasetId, String captionModel) {
        this.datasetId = datasetId;
        this.captionModel = captionModel;
    }

    void modelTag(long imageId, int tagId, float score) {
        modelTags.add(imageId, tagId, score);
    }

    void caption(long imageId, String text, List<Integer> parsedTagIds) {
        captions.add(imageId, text, null);
        for (int tagId : parsedTagIds) {
            captions.add(imageId, text, tagId);
        }
        generatedCaptions++;
        parsedTags += parsedTagIds.size();
    }

    void skip(ImageRow image, Exception error) {
        skipped.add("skipped image " + image.id() + ": " + error.getMessage());
    }

    void readable(long count) {
        images += count;
    }

    /** Why images were skipped, a line each, for the job's log (WARN). */
    public List<String> skipped() {
        return skipped;
    }

    /** The job's counts of these rows: images, images_unreadable, model_tags, captions, parsed_generated_tags. */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new HashMap<>();
        counts.put("images", images);
        counts.put("images_unreadable", (long) skipped.size());
        counts.put("model_tags", (long) modelTags.size());
        counts.put("captions", generatedCaptions);
        counts.put("parsed_generated_tags", parsedTags);
        return counts;
    }

    /** Writes the rows in the caller's transaction (once per transaction: their staging tables drop at commit). */
    public void write(Connection c) throws SQLException {
        if (!modelTags.isEmpty()) {
            modelTags.copy(c);
            update(c, "INSERT INTO tag_assignment (image_id, dataset_id, tag_id, source, score, "
                    + PairStateOfNewRows.COLUMNS + ") SELECT g.image_id, ?, g.tag_id, " + AssignmentSource.MODEL.code() + ", g.score, "
                    + PairStateOfNewRows.VALUES + " FROM generated_tag g" + PairStateOfNewRows.join("g")
                    + " ON CONFLICT DO NOTHING");
        }
        if (!captions.isEmpty()) {
            captions.copy(c);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO caption (image_id, origin, model, text) "
                    + "SELECT DISTINCT image_id, 1, ?, text FROM generated_caption ON CONFLICT DO NOTHING")) {
                ps.setString(1, captionModel);
                ps.executeUpdate();
            }
            update(c, "INSERT INTO tag_assignment (image_id, dataset_id, tag_id, caption_id, source, "
                    + PairStateOfNewRows.COLUMNS + ") SELECT g.image_id, ?, g.tag_id, c.id, " + AssignmentSource.PARSED_GENERATED.code() + ", "
                    + PairStateOfNewRows.VALUES + " FROM generated_caption g" + PairStateOfNewRows.join("g")
                    + " JOIN caption c ON c.image_id = g.image_id AND c.origin = 1 AND md5(c.text) = md5(g.text) AND c.text = g.text "
                    + "WHERE g.tag_id IS NOT NULL ON CONFLICT DO NOTHING");
        }
    }

    private void update(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, datasetId);
            ps.executeUpdate();
        }
    }
}
