package io.tagforge.curation.review;

import io.tagforge.curation.review.ReviewItem.Box;
import io.tagforge.curation.review.ReviewItem.Crop;
import io.tagforge.curation.review.ReviewItem.ImageRef;
import io.tagforge.curation.review.ReviewItem.QueueEntry;
import io.tagforge.curation.security.CurrentUser;
import io.tagforge.curation.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The queue of flagged tag assignments. An annotator works on items leased to them (table lease): a claim takes
 * the next flagged item nobody else holds, skipping rows another claim is taking right now; a lease runs out
 * after {@value #LEASE_MINUTES} minutes and the item returns to the queue. Decisions go to table review with
 * the state they replaced, so undo restores it.
 */
@Service
@RolesAllowed(Roles.ANNOTATOR)
public class ReviewQueue {

    static final int LEASE_MINUTES = 5;
    private static final int TYPICAL_CROPS = 6;
    private static final int CLAIM_ATTEMPTS = 10;

    private final JdbcClient jdbc;
    private final CurrentUser user;

    ReviewQueue(JdbcClient jdbc, CurrentUser user) {
        this.jdbc = jdbc;
        this.user = user;
    }

    /**
     * Leases the first flagged item after {@code afterId} that matches and that no one else holds, wrapping
     * round to the start once; empty when there is none.
     */
    public Optional<ReviewItem> next(ReviewFilter filter, long afterId) {
        int me = user.id();
        List<Long> claimed = claim(me, filter, afterId, 1);
        if (claimed.isEmpty() && afterId > 0) {
            claimed = claim(me, filter, 0, 1);
        }
        return claimed.stream().findFirst().flatMap(this::load);
    }

    /** Leases this item again (moving back to it) when it is still flagged and free; else empty. */
    public Optional<ReviewItem> open(long assignmentId) {
        int me = user.id();
        List<Long> ids = jdbc.sql(LEASE_SQL.formatted("""
                        SELECT ta.id FROM tag_assignment ta WHERE ta.id = ? AND ta.state = 1
                           FOR UPDATE OF ta SKIP LOCKED"""))
                .params(assignmentId, me).query(Long.class).list();
        return ids.stream().findFirst().flatMap(this::load);
    }

    /**
     * Leases up to {@code limit} flagged items of the filter for a gallery page: one query, so a concurrent
     * gallery or queue claims other rows.
     */
    public List<ReviewItem> claimPage(ReviewFilter filter, int limit) {
        int me = user.id();
        return claim(me, filter, 0, limit).stream().sorted().map(this::load).flatMap(Optional::stream).toList();
    }

    /** Records the decision, ends the lease; returns the review id. */
    @Transactional
    public long decide(long assignmentId, Decision decision) {
        int me = user.id();
        record Current(short state, Integer holder, boolean live) {
        }
        Current current = jdbc.sql("""
                        SELECT ta.state, l.user_id AS holder, coalesce(l.until > now(), false) AS live
                          FROM tag_assignment ta LEFT JOIN lease l ON l.assignment_id = ta.id
                         WHERE ta.id = ? FOR UPDATE OF ta""")
                .param(assignmentId).query(Current.class).optional()
                .orElseThrow(() -> new ReviewConflictException("Assignment " + assignmentId + " does not exist"));
        if (current.state() != 1) {
            throw new ReviewConflictException("Assignment " + assignmentId + " is no longer flagged: "
                    + "someone decided it already");
        }
        if (current.live() && current.holder() != me) {
            throw new ReviewConflictException("Assignment " + assignmentId + " is leased to another annotator");
        }
        long reviewId = jdbc.sql("""
                        INSERT INTO review (assignment_id, user_id, decision, previous_state)
                        VALUES (?, ?, ?, ?) RETURNING id""")
                .params(assignmentId, me, decision.state, current.state()).query(Long.class).single();
        jdbc.sql("UPDATE tag_assignment SET state = ? WHERE id = ?").params(decision.state, assignmentId).update();
        jdbc.sql("DELETE FROM lease WHERE assignment_id = ?").param(assignmentId).update();
        return reviewId;
    }

    /** Decides several items at once (gallery); all or none. Returns how many were decided. */
    @Transactional
    public int decideAll(List<Long> assignmentIds, Decision decision) {
        assignmentIds.forEach(id -> decide(id, decision));
        return assignmentIds.size();
    }

    /**
     * Undoes the current user's latest decision that is not undone yet, restoring the previous state and
     * leasing the item back to them; returns the item's id, or empty when there is nothing to undo.
     */
    @Transactional
    public Optional<Long> undoLast() {
        int me = user.id();
        record Last(long id, long assignmentId, short decision, short previousState) {
        }
        Optional<Last> last = jdbc.sql("""
                        SELECT id, assignment_id, decision, previous_state FROM review
                         WHERE user_id = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1 FOR UPDATE""")
                .param(me).query(Last.class).optional();
        if (last.isEmpty()) {
            return Optional.empty();
        }
        Last r = last.get();
        int restored = jdbc.sql("UPDATE tag_assignment SET state = ? WHERE id = ? AND state = ?")
                .params(r.previousState(), r.assignmentId(), r.decision()).update();
        if (restored == 0) {
            throw new ReviewConflictException("Assignment " + r.assignmentId()
                    + " changed since your decision; it cannot be undone");
        }
        jdbc.sql("UPDATE review SET undone_at = now() WHERE id = ?").param(r.id()).update();
        jdbc.sql("""
                        INSERT INTO lease (assignment_id, user_id, until)
                        VALUES (?, ?, now() + make_interval(mins => ?))
                        ON CONFLICT (assignment_id) DO UPDATE SET user_id = excluded.user_id, until = excluded.until""")
                .params(r.assignmentId(), me, LEASE_MINUTES).update();
        return Optional.of(r.assignmentId());
    }

    /** Gives the item back to the queue (skip). */
    public void release(long assignmentId) {
        jdbc.sql("DELETE FROM lease WHERE assignment_id = ? AND user_id = ?").params(assignmentId, user.id()).update();
    }

    /** A page of the queue in id order after {@code afterId} (keyset), without leasing. */
    public List<QueueEntry> page(ReviewFilter filter, long afterId, int limit) {
        List<Object> params = ReviewFilter.params(afterId);
        String conditions = filter.conditions(params);
        params.add(limit);
        return jdbc.sql(ENTRY_COLUMNS + ENTRY_FROM + " WHERE ta.state = 1 AND ta.id > ?" + conditions + " ORDER BY ta.id LIMIT ?")
                .params(params).query(ReviewQueue::entry).list();
    }

    /** The item as the review screen shows it, whatever its state. */
    public Optional<ReviewItem> load(long assignmentId) {
        record Head(QueueEntry entry, String path, String evidence) {
        }
        Optional<Head> head = jdbc.sql(ENTRY_COLUMNS + ", i.path, fe.evidence::text AS evidence" + ENTRY_FROM
                        + " LEFT JOIN flag_evidence fe ON fe.assignment_id = ta.id WHERE ta.id = ?")
                .param(assignmentId)
                .query((rs, n) -> new Head(entry(rs, n), rs.getString("path"), rs.getString("evidence")))
                .optional();
        return head.map(h -> new ReviewItem(h.entry(), new ImageRef(h.entry().datasetId(), h.path()),
                captions(h.entry().imageId()), regions(h.entry().imageId(), h.entry().tagId()),
                h.evidence(), typicalCrops(h.entry().tagId(), h.entry().imageId())));
    }

    // ta is locked by the candidate query; the ON CONFLICT guard keeps a lease another claim committed meanwhile
    private static final String LEASE_SQL = """
            WITH candidate AS (%s)
            INSERT INTO lease (assignment_id, user_id, until)
            SELECT id, ?, now() + interval '%d minutes' FROM candidate
            ON CONFLICT (assignment_id) DO UPDATE SET user_id = excluded.user_id, until = excluded.until
             WHERE lease.until <= now() OR lease.user_id = excluded.user_id
            RETURNING assignment_id""".replace("%d", String.valueOf(LEASE_MINUTES));

    private List<Long> claim(int me, ReviewFilter filter, long afterId, int limit) {
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            List<Object> params = ReviewFilter.params(afterId);
            String conditions = filter.conditions(params);
            params.add(me);
            params.add(limit);
            params.add(me);
            List<Long> ids = jdbc.sql(LEASE_SQL.formatted("""
                            SELECT ta.id FROM tag_assignment ta
                             WHERE ta.state = 1 AND ta.id > ?""" + conditions + """
                               AND NOT EXISTS (SELECT 1 FROM lease l WHERE l.assignment_id = ta.id
                                                  AND l.until > now() AND l.user_id <> ?)
                             ORDER BY ta.id LIMIT ? FOR UPDATE OF ta SKIP LOCKED"""))
                    .params(params).query(Long.class).list();
            // empty after a race: another claim committed a lease on the rows this one picked; look again
            if (!ids.isEmpty() || !anyFree(me, filter, afterId)) {
                return ids;
            }
        }
        return List.of();
    }

    private boolean anyFree(int me, ReviewFilter filter, long afterId) {
        List<Object> params = ReviewFilter.params(afterId);
        String conditions = filter.conditions(params);
        params.add(me);
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM tag_assignment ta WHERE ta.state = 1 AND ta.id > ?"
                        + conditions + " AND NOT EXISTS (SELECT 1 FROM lease l WHERE l.assignment_id = ta.id"
                        + " AND l.until > now() AND l.user_id <> ?))")
                .params(params).query(Boolean.class).single();
    }

    private static final String ENTRY_COLUMNS =
            "SELECT ta.id, ta.image_id, ta.dataset_id, ta.tag_id, t.name AS tag_name, ta.score, ta.flag_rule";
    private static final String ENTRY_FROM =
            " FROM tag_assignment ta JOIN tag t ON t.id = ta.tag_id JOIN image i ON i.id = ta.image_id";

    private static QueueEntry entry(ResultSet rs, int rowNum) throws SQLException {
        return new QueueEntry(rs.getLong("id"), rs.getLong("image_id"), rs.getInt("dataset_id"), rs.getInt("tag_id"),
                rs.getString("tag_name"), rs.getObject("score", Float.class), rs.getShort("flag_rule"));
    }

    private List<String> captions(long imageId) {
        return jdbc.sql("SELECT text FROM caption WHERE image_id = ? ORDER BY origin, id")
                .param(imageId).query(String.class).list();
    }

    private List<Box> regions(long imageId, int tagId) {
        return jdbc.sql("""
                        SELECT x1, y1, x2, y2, score, cluster, outlier_percentile FROM region
                         WHERE image_id = ? AND tag_id = ? ORDER BY score DESC""")
                .params(imageId, tagId).query((rs, n) -> box(rs)).list();
    }

    /** The regions of this tag closest to their cluster centre, on other images: what the tag usually looks like. */
    private List<Crop> typicalCrops(int tagId, long imageId) {
        return jdbc.sql("""
                        SELECT i.dataset_id, i.path, r.x1, r.y1, r.x2, r.y2, r.score, r.cluster, r.outlier_percentile
                          FROM region r JOIN image i ON i.id = r.image_id
                         WHERE r.tag_id = ? AND r.distance IS NOT NULL AND r.image_id <> ?
                         ORDER BY r.distance LIMIT ?""")
                .params(tagId, imageId, TYPICAL_CROPS)
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
