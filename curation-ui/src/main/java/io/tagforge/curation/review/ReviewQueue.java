package io.tagforge.curation.review;

import io.tagforge.curation.review.ReviewItem.Box;
import io.tagforge.curation.review.ReviewItem.CaptionLine;
import io.tagforge.curation.review.ReviewItem.Crop;
import io.tagforge.curation.review.ReviewItem.ImageRef;
import io.tagforge.curation.security.CurrentUser;
import io.tagforge.curation.security.Roles;
import io.tagforge.engine.review.Decision;
import io.tagforge.engine.review.DecisionRecord;
import io.tagforge.engine.review.PairReview;
import io.tagforge.engine.review.QueueCursor;
import io.tagforge.engine.review.QueueEntry;
import io.tagforge.engine.review.QueueOrder;
import io.tagforge.engine.review.ReviewFilter;
import io.tagforge.engine.review.RuleStats;
import io.tagforge.labelsystem.assignment.FlagRule;
import jakarta.annotation.security.RolesAllowed;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The review queue of the signed-in user: the engine's {@link PairReview} (leases, decisions, undo, bulk
 * decisions, statistics) with this user's id, and the evidence of a pair as the review screen shows it.
 */
@Service
@RolesAllowed(Roles.ANNOTATOR)
public class ReviewQueue {

    private static final int TYPICAL_CROPS = 6;

    private final PairReview review;
    private final JdbcClient jdbc;
    private final CurrentUser user;
    private final int minReviewed;

    public ReviewQueue(PairReview review, JdbcClient jdbc, CurrentUser user,
                @Value("${tagforge.review.min-reviewed:" + PairReview.MIN_REVIEWED + "}") int minReviewed) {
        this.review = review;
        this.jdbc = jdbc;
        this.user = user;
        this.minReviewed = minReviewed;
    }

    /** Pairs of a tag and rule reviewed one by one before a bulk decision may settle the rest. */
    public int minReviewed() {
        return minReviewed;
    }

    /** Leases the next flagged pair after {@code after}, wrapping round once; empty when there is none. */
    public Optional<ReviewItem> next(ReviewFilter filter, QueueOrder order, QueueCursor after) {
        return review.next(user.id(), filter, order, after).flatMap(this::load);
    }

    /** Leases this pair again (moving back to it) when it is still flagged and free; else empty. */
    public Optional<ReviewItem> open(long pairId) {
        return review.open(user.id(), pairId) ? load(pairId) : Optional.empty();
    }

    /** Leases up to {@code limit} flagged pairs for a gallery page. */
    public List<ReviewItem> claimPage(ReviewFilter filter, QueueOrder order, int limit) {
        return review.claimPage(user.id(), filter, order, limit).stream().map(this::load).flatMap(Optional::stream).toList();
    }

    public long decide(long pairId, Decision decision) {
        return review.decide(user.id(), pairId, decision);
    }

    public int decideAll(List<Long> pairIds, Decision decision) {
        return review.decideAll(user.id(), pairIds, decision);
    }

    /** Undoes the user's latest decision; the pairs flagged again (one, or a bulk decision's). */
    public List<Long> undoLast() {
        return review.undoLast(user.id());
    }

    public void release(long pairId) {
        review.release(user.id(), pairId);
    }

    public List<QueueEntry> page(ReviewFilter filter, QueueOrder order, QueueCursor after, int limit) {
        return review.page(filter, order, after, limit);
    }

    @RolesAllowed({Roles.ANNOTATOR, Roles.CURATOR})
    public List<RuleStats> stats(int datasetId, Integer tagId, FlagRule rule) {
        return review.stats(datasetId, tagId, rule);
    }

    @RolesAllowed({Roles.ANNOTATOR, Roles.CURATOR})
    public List<DecisionRecord> history(int datasetId, int limit) {
        return review.history(datasetId, limit);
    }

    /** The bulk decision for the rest of a tag and rule (curators). */
    @RolesAllowed(Roles.CURATOR)
    public long applyBulk(int datasetId, int tagId, FlagRule rule, Decision decision) {
        return review.applyBulk(user.id(), datasetId, tagId, rule, decision, minReviewed);
    }

    @RolesAllowed(Roles.CURATOR)
    public List<Long> undoBulk(long bulkId) {
        return review.undoBulk(bulkId);
    }

    /** The pair as the review screen shows it, whatever its state. */
    public Optional<ReviewItem> load(long pairId) {
        return review.entry(pairId).map(e -> {
            List<Box> regions = regions(e.imageId(), e.tagId());
            Box flagged = ReviewItem.flaggedRegion(regions);
            return new ReviewItem(e, new ImageRef(e.datasetId(), e.imagePath()), captions(e.imageId(), e.tagId()), tagForms(e.tagId()), regions,
                    evidence(e.imageId(), e.tagId()),
                    typicalCrops(e.tagId(), e.imageId(), flagged == null ? null : flagged.cluster()));
        });
    }

    private List<CaptionLine> captions(long imageId, int tagId) {
        return jdbc.sql("""
                        SELECT c.text, EXISTS (SELECT 1 FROM tag_assignment a WHERE a.image_id = c.image_id
                                                  AND a.tag_id = ? AND a.caption_id = c.id) AS source
                          FROM caption c WHERE c.image_id = ? ORDER BY c.origin, c.id""")
                .params(tagId, imageId).query(CaptionLine.class).list();
    }

    /** The tag's English names, longest first, for marking them in captions. */
    private List<String> tagForms(int tagId) {
        return jdbc.sql("""
                        SELECT form FROM (SELECT name AS form FROM tag WHERE id = ?
                                          UNION SELECT form FROM tag_name WHERE tag_id = ? AND language = 'en') f
                         ORDER BY length(form) DESC, form""")
                .params(tagId, tagId).query(String.class).list();
    }

    /** The evidence of the pair's latest flag (every flagged row of the pair carries the same). */
    private String evidence(long imageId, int tagId) {
        return jdbc.sql("""
                        SELECT fe.evidence::text FROM tag_assignment a JOIN flag_evidence fe ON fe.assignment_id = a.id
                         WHERE a.image_id = ? AND a.tag_id = ? ORDER BY fe.job_id DESC NULLS LAST LIMIT 1""")
                .params(imageId, tagId).query(String.class).optional().orElse(null);
    }

    private List<Box> regions(long imageId, int tagId) {
        return jdbc.sql("""
                        SELECT x1, y1, x2, y2, score, cluster, outlier_percentile FROM region
                         WHERE image_id = ? AND tag_id = ? ORDER BY score DESC""")
                .params(imageId, tagId).query((rs, n) -> box(rs)).list();
    }

    /**
     * The regions of this tag closest to their cluster's centre, on other images: what the tag usually looks like
     * in the cluster of the flagged region (any cluster when it has none).
     */
    private List<Crop> typicalCrops(int tagId, long imageId, Integer cluster) {
        return jdbc.sql("""
                        SELECT i.dataset_id, i.path, r.x1, r.y1, r.x2, r.y2, r.score, r.cluster, r.outlier_percentile
                          FROM region r JOIN image i ON i.id = r.image_id
                         WHERE r.tag_id = ? AND r.distance IS NOT NULL AND r.image_id <> ?
                           AND (r.cluster = ? OR ?::int IS NULL)
                         ORDER BY r.distance LIMIT ?""")
                .params(tagId, imageId, cluster, cluster, TYPICAL_CROPS)
                .query((rs, n) -> new Crop(new ImageRef(rs.getInt("dataset_id"), rs.getString("path")), box(rs)))
                .list();
    }

    private static Box box(ResultSet rs) throws SQLException {
        Integer cluster = rs.getObject("cluster", Integer.class);
        Float percentile = rs.getObject("outlier_percentile", Float.class);
        return new Box(rs.getFloat("x1"), rs.getFloat("y1"), rs.getFloat("x2"), rs.getFloat("y2"),
                rs.getFloat("score"), cluster, percentile);
    }
}
