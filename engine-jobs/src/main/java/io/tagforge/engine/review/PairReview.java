package io.tagforge.engine.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagforge.labelsystem.assignment.AssignmentSource;
import io.tagforge.labelsystem.assignment.AssignmentState;
import io.tagforge.labelsystem.assignment.FlagRule;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Review of image–tag pairs (table tag_pair), for the web app and the CLI alike. A decision settles the pair
 * and every assignment row of it, and is recorded (pair_decision) with the state it replaced, so undo restores
 * it. An annotator works on pairs leased to them (pair_lease): a claim takes the next flagged pair nobody else
 * holds, skipping pairs another claim is taking right now; a lease runs out after {@value #LEASE_MINUTES}
 * minutes. A bulk decision applies the majority of a reviewed sample to the rest of a tag and rule, as one
 * recorded, undoable step.
 */
public class PairReview {

    public static final int LEASE_MINUTES = 5;
    /** Pairs of a tag and rule reviewed one by one before a bulk decision, unless told otherwise. */
    public static final int MIN_REVIEWED = 30;
    private static final int CLAIM_ATTEMPTS = 10;
    // inlined into SQL, not bound: the partial indexes on flagged pairs (WHERE state = 1) match only a literal
    private static final short FLAGGED = AssignmentState.FLAGGED.code();
    private static final short REJECTED = AssignmentState.REJECTED.code();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    public PairReview(DataSource dataSource, PlatformTransactionManager transactionManager) {
        this.jdbc = JdbcClient.create(dataSource);
        this.transaction = new TransactionTemplate(transactionManager);
    }

    // ------------------------------------------------------------------ names → ids

    public int datasetId(String name) {
        return jdbc.sql("SELECT id FROM dataset WHERE name = ?").param(name).query(Integer.class).optional()
                .orElseThrow(() -> new ReviewInputException("dataset", "no dataset named \"" + name + "\""));
    }

    /** A live tag by name, any case. */
    public int tagId(String name) {
        return jdbc.sql("SELECT id FROM tag WHERE lower(name) = lower(?) AND NOT deprecated ORDER BY kind, id LIMIT 1")
                .param(name.strip()).query(Integer.class).optional()
                .orElseThrow(() -> new ReviewInputException("tag", "no tag named \"" + name + "\""));
    }

    /** An image of the dataset by its path or its id. */
    public long imageId(int datasetId, String pathOrId) {
        Optional<Long> byPath = jdbc.sql("SELECT id FROM image WHERE dataset_id = ? AND path = ?")
                .params(datasetId, pathOrId).query(Long.class).optional();
        if (byPath.isPresent() || !pathOrId.matches("\\d{1,18}")) {
            return byPath.orElseThrow(() -> new ReviewInputException("image", "no image \"" + pathOrId + "\" in the dataset"));
        }
        return jdbc.sql("SELECT id FROM image WHERE dataset_id = ? AND id = ?")
                .params(datasetId, Long.parseLong(pathOrId)).query(Long.class).optional()
                .orElseThrow(() -> new ReviewInputException("image", "no image \"" + pathOrId + "\" in the dataset"));
    }

    public static FlagRule rule(String name) {
        return FlagRule.parse(name).orElseThrow(() -> new ReviewInputException("rule", "\"" + name
                + "\" is none of " + Arrays.toString(FlagRule.values())));
    }

    /** An enabled user who holds {@code role} (ANNOTATOR, CURATOR or ADMIN, as in table user_role). */
    public Reviewer reviewer(String name, String role) {
        record Found(int id, boolean enabled, boolean hasRole) {
        }
        Found found = jdbc.sql("""
                        SELECT u.id, u.enabled, EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = ?) AS has_role
                          FROM app_user u WHERE u.username = ?""")
                .params(role, name).query(Found.class).optional()
                .orElseThrow(() -> new ReviewInputException("user", "no user named \"" + name + "\""));
        if (!found.enabled() || !found.hasRole()) {
            throw new ReviewInputException("user", "\"" + name + "\" " + (found.enabled() ? "lacks" : "is disabled, or lacks")
                    + " the role " + role);
        }
        return new Reviewer(found.id(), name);
    }

    /** The pair of an image and tag, which must be flagged (waiting for a decision). */
    public long flaggedPair(long imageId, int tagId) {
        record Pair(long id, short state) {
        }
        boolean assigned = jdbc.sql("SELECT EXISTS (SELECT 1 FROM tag_assignment WHERE image_id = ? AND tag_id = ?)")
                .params(imageId, tagId).query(Boolean.class).single();
        if (!assigned) {
            throw new ReviewInputException("pair", "the image has no such tag");
        }
        // a pair never flagged is not in tag_pair: ACTIVE
        Pair pair = jdbc.sql("SELECT id, state FROM tag_pair WHERE image_id = ? AND tag_id = ?")
                .params(imageId, tagId).query(Pair.class).optional()
                .orElse(new Pair(0, AssignmentState.ACTIVE.code()));
        if (pair.state() != FLAGGED) {
            throw new ReviewInputException("pair", "not flagged: it is " + AssignmentState.ofCode(pair.state()));
        }
        return pair.id();
    }

    // ------------------------------------------------------------------ the queue

    /** A page of flagged pairs after {@code after} (keyset), without leasing. */
    public List<QueueEntry> page(ReviewFilter filter, QueueOrder order, QueueCursor after, int limit) {
        List<Object> params = new ArrayList<>();
        String conditions = filter.conditions(params);
        order.addCursor(params, after);
        params.add(limit);
        return jdbc.sql(ENTRY_SELECT.formatted(order.keyColumn()) + " WHERE p.state = " + FLAGGED + conditions + order.after()
                        + order.orderBy() + " LIMIT ?")
                .params(params).query(PairReview::entry).list();
    }

    /** The pair as the queue lists it, whatever its state. */
    public Optional<QueueEntry> entry(long pairId) {
        return jdbc.sql(ENTRY_SELECT.formatted(QueueOrder.FLAGGED.keyColumn()) + " WHERE p.id = ?").param(pairId)
                .query(PairReview::entry).optional();
    }

    /**
     * Leases the first flagged pair after {@code after} that matches and that nobody else holds, wrapping round
     * to the start once; empty when there is none.
     */
    public Optional<Long> next(int userId, ReviewFilter filter, QueueOrder order, QueueCursor after) {
        List<Long> claimed = claim(userId, filter, order, after, 1);
        if (claimed.isEmpty() && !after.equals(QueueCursor.START)) {
            claimed = claim(userId, filter, order, QueueCursor.START, 1);
        }
        return claimed.stream().findFirst();
    }

    /** Leases up to {@code limit} flagged pairs in one query, so a concurrent claim gets other pairs. */
    public List<Long> claimPage(int userId, ReviewFilter filter, QueueOrder order, int limit) {
        return claim(userId, filter, order, QueueCursor.START, limit);
    }

    /** Leases this pair again (moving back to it) when it is still flagged and free. */
    public boolean open(int userId, long pairId) {
        return !jdbc.sql(LEASE_SQL.formatted("SELECT p.id FROM tag_pair p WHERE p.id = ? AND p.state = " + FLAGGED + " FOR UPDATE OF p SKIP LOCKED"))
                .params(pairId, userId).query(Long.class).list().isEmpty();
    }

    /** Gives the pair back to the queue (skip). */
    public void release(int userId, long pairId) {
        jdbc.sql("DELETE FROM pair_lease WHERE pair_id = ? AND user_id = ?").params(pairId, userId).update();
    }

    /** Gives back every pair the user holds. */
    public void releaseAll(int userId) {
        jdbc.sql("DELETE FROM pair_lease WHERE user_id = ?").param(userId).update();
    }

    // the candidate query locks the pairs; the ON CONFLICT guard keeps a lease another claim committed meanwhile
    private static final String LEASE_SQL = """
            WITH candidate AS (%s)
            INSERT INTO pair_lease (pair_id, user_id, until)
            SELECT id, ?, now() + interval '%d minutes' FROM candidate
            ON CONFLICT (pair_id) DO UPDATE SET user_id = excluded.user_id, until = excluded.until
             WHERE pair_lease.until <= now() OR pair_lease.user_id = excluded.user_id
            RETURNING pair_id""".replace("%d", String.valueOf(LEASE_MINUTES));

    private static final String FREE = " AND NOT EXISTS (SELECT 1 FROM pair_lease l WHERE l.pair_id = p.id"
            + " AND l.until > now() AND l.user_id <> ?)";

    private List<Long> claim(int userId, ReviewFilter filter, QueueOrder order, QueueCursor after, int limit) {
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            List<Object> params = new ArrayList<>();
            String conditions = filter.conditions(params);
            order.addCursor(params, after);
            params.add(userId);
            params.add(limit);
            params.add(userId);
            List<Long> ids = jdbc.sql(LEASE_SQL.formatted("SELECT p.id FROM tag_pair p WHERE p.state = " + FLAGGED + conditions
                            + order.after() + FREE + order.orderBy() + " LIMIT ? FOR UPDATE OF p SKIP LOCKED"))
                    .params(params).query(Long.class).list();
            // empty after a race: another claim committed a lease on the pairs this one picked; look again
            if (!ids.isEmpty() || !anyFree(userId, filter, order, after)) {
                return order == QueueOrder.FLAGGED ? ids.stream().sorted().toList() : ids;
            }
        }
        return List.of();
    }

    private boolean anyFree(int userId, ReviewFilter filter, QueueOrder order, QueueCursor after) {
        List<Object> params = new ArrayList<>();
        String conditions = filter.conditions(params);
        order.addCursor(params, after);
        params.add(userId);
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM tag_pair p WHERE p.state = " + FLAGGED + conditions + order.after() + FREE + ")")
                .params(params).query(Boolean.class).single();
    }

    // ------------------------------------------------------------------ decisions

    /** Decides a flagged pair: the pair and all its rows take the decision; returns the decision's id. */
    public long decide(int userId, long pairId, Decision decision) {
        return inTransaction(() -> {
            record Current(short state, Integer holder, boolean live) {
            }
            Current current = jdbc.sql("""
                            SELECT p.state, l.user_id AS holder, coalesce(l.until > now(), false) AS live
                              FROM tag_pair p LEFT JOIN pair_lease l ON l.pair_id = p.id
                             WHERE p.id = ? FOR UPDATE OF p""")
                    .param(pairId).query(Current.class).optional()
                    .orElseThrow(() -> new ReviewConflictException("Pair " + pairId + " does not exist"));
            if (current.state() != FLAGGED) {
                throw new ReviewConflictException("Pair " + pairId + " is no longer flagged: someone decided it already");
            }
            if (current.live() && current.holder() != userId) {
                throw new ReviewConflictException("Pair " + pairId + " is leased to another annotator");
            }
            long id = jdbc.sql("""
                            INSERT INTO pair_decision (pair_id, user_id, decision, previous_state)
                            VALUES (?, ?, ?, ?) RETURNING id""")
                    .params(pairId, userId, decision.state().code(), current.state()).query(Long.class).single();
            setState(pairId, decision.state().code());
            jdbc.sql("DELETE FROM pair_lease WHERE pair_id = ?").param(pairId).update();
            return id;
        });
    }

    /** Decides several pairs at once (gallery); all or none. */
    public int decideAll(int userId, List<Long> pairIds, Decision decision) {
        try {
            return inTransaction(() -> {
                pairIds.forEach(id -> decide(userId, id, decision));
                return pairIds.size();
            });
        } catch (ReviewConflictException e) {
            // one pair's conflict alone would read as if the others were decided
            throw new ReviewConflictException(e.getMessage() + "; none of the " + pairIds.size() + " pairs was decided");
        }
    }

    /**
     * Undoes the user's latest decision not undone yet, a single one or a bulk one: the pairs go back to
     * FLAGGED with their rows. Returns the pairs restored (empty when there was nothing to undo).
     */
    public List<Long> undoLast(int userId) {
        return inTransaction(() -> {
            record Last(long id, boolean bulk) {
            }
            Optional<Last> last = jdbc.sql("""
                            SELECT * FROM (
                                SELECT id, false AS bulk, decided_at FROM pair_decision
                                 WHERE user_id = ? AND undone_at IS NULL AND bulk_id IS NULL
                                 ORDER BY id DESC LIMIT 1) single
                            UNION ALL SELECT * FROM (
                                SELECT id, true, decided_at FROM bulk_decision
                                 WHERE user_id = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1) bulk
                            ORDER BY decided_at DESC, bulk LIMIT 1""")
                    .params(userId, userId).query(Last.class).optional();
            if (last.isEmpty()) {
                return List.of();
            }
            return last.get().bulk() ? undoBulk(last.get().id()) : undoSingle(last.get().id());
        });
    }

    private List<Long> undoSingle(long decisionId) {
        record Made(long pairId, short decision, short previousState) {
        }
        Made made = jdbc.sql("SELECT pair_id, decision, previous_state FROM pair_decision WHERE id = ? FOR UPDATE")
                .param(decisionId).query(Made.class).single();
        short now = jdbc.sql("SELECT state FROM tag_pair WHERE id = ? FOR UPDATE").param(made.pairId())
                .query(Short.class).single();
        if (now != made.decision()) {
            throw new ReviewConflictException("Pair " + made.pairId() + " changed since this decision; it cannot be undone");
        }
        setState(made.pairId(), made.previousState());
        jdbc.sql("UPDATE pair_decision SET undone_at = now() WHERE id = ?").param(decisionId).update();
        return List.of(made.pairId());
    }

    /** Undoes a bulk decision as one step: exactly the pairs it decided go back to FLAGGED. */
    public List<Long> undoBulk(long bulkId) {
        return inTransaction(() -> {
            Integer open = jdbc.sql("SELECT 1 FROM bulk_decision WHERE id = ? AND undone_at IS NULL FOR UPDATE")
                    .param(bulkId).query(Integer.class).optional().orElse(null);
            if (open == null) {
                throw new ReviewInputException("bulk decision", "#" + bulkId + " does not exist or was undone");
            }
            List<Long> pairs = jdbc.sql("""
                            UPDATE tag_pair SET state = %d, bulk_id = NULL WHERE bulk_id = ?
                            RETURNING id""".formatted(FLAGGED)).param(bulkId).query(Long.class).list();
            syncRows("p.id = ANY(?)", pairs.toArray(Long[]::new));
            jdbc.sql("UPDATE pair_decision SET undone_at = now() WHERE bulk_id = ?").param(bulkId).update();
            jdbc.sql("UPDATE bulk_decision SET undone_at = now() WHERE id = ?").param(bulkId).update();
            return pairs;
        });
    }

    /**
     * The bulk decision: {@code decision} for every pair of the tag and rule still flagged, when at least
     * {@code minReviewed} of them were reviewed one by one and most reviewers decided the same. The estimate
     * (reviewed, rejected, share, 95% interval) is recorded as the evidence. Returns the bulk decision's id.
     */
    public long applyBulk(int userId, int datasetId, int tagId, FlagRule rule, Decision decision, int minReviewed) {
        return inTransaction(() -> {
            // one bulk decision at a time per tag and rule: the sample and the rest are read under this lock
            jdbc.sql("SELECT 1 FROM (SELECT pg_advisory_xact_lock(?, ?)) lock").params(tagId, datasetId * 4 + rule.code())
                    .query(Integer.class).single();
            RuleStats stats = stats(datasetId, tagId, rule).stream().findFirst()
                    .orElseThrow(() -> new ReviewInputException("tag", "no pair of this tag was flagged " + rule.name()));
            if (stats.reviewed() < minReviewed) {
                throw new ReviewInputException("reviewed", stats.reviewed() + " of the " + stats.flagged() + " "
                        + rule.name() + " flags of '" + stats.tagName() + "' were reviewed; a bulk decision needs "
                        + minReviewed);
            }
            if (stats.majority().filter(decision::equals).isEmpty()) {
                throw new ReviewInputException("decision", stats.rejected() + " of " + stats.reviewed()
                        + " reviewed were rejected: " + decision.name().toLowerCase(Locale.ROOT)
                        + " is not what most reviewers decided");
            }
            if (stats.waiting() == 0) {
                throw new ReviewInputException("tag", "no " + rule.name() + " flag of '" + stats.tagName() + "' is waiting");
            }
            WilsonInterval interval = stats.rejectedInterval();
            ObjectNode evidence = JSON.createObjectNode().put("reviewed", stats.reviewed()).put("rejected", stats.rejected())
                    .put("rejected_share", stats.rejectedShare()).put("interval_low", interval.low())
                    .put("interval_high", interval.high()).put("remaining", stats.waiting());
            long bulkId = jdbc.sql("""
                            INSERT INTO bulk_decision (dataset_id, tag_id, flag_rule, decision, user_id, pairs, evidence)
                            VALUES (?, ?, ?, ?, ?, 0, ?::jsonb) RETURNING id""")
                    .params(datasetId, tagId, rule.code(), decision.state().code(), userId, evidence.toString())
                    .query(Long.class).single();
            int pairs = jdbc.sql("""
                            WITH decided AS (
                                UPDATE tag_pair SET state = ?, bulk_id = ?
                                 WHERE dataset_id = ? AND tag_id = ? AND flag_rule = ? AND state = %1$d RETURNING id)
                            INSERT INTO pair_decision (pair_id, user_id, decision, previous_state, bulk_id)
                            SELECT id, ?, ?, %1$d, ? FROM decided""".formatted(FLAGGED))
                    .params(decision.state().code(), bulkId, datasetId, tagId, rule.code(), userId,
                            decision.state().code(), bulkId)
                    .update();
            syncRows("p.bulk_id = ?", bulkId);
            jdbc.sql("DELETE FROM pair_lease l USING tag_pair p WHERE p.id = l.pair_id AND p.bulk_id = ?").param(bulkId).update();
            jdbc.sql("UPDATE bulk_decision SET pairs = ? WHERE id = ?").params(pairs, bulkId).update();
            return bulkId;
        });
    }

    /** Sets a pair's state and its rows'. */
    private void setState(long pairId, short state) {
        jdbc.sql("UPDATE tag_pair SET state = ?, bulk_id = NULL WHERE id = ?").params(state, pairId).update();
        syncRows("p.id = ?", pairId);
    }

    /** Gives the assignment rows of the pairs {@code condition} selects their pair's state and rule. */
    private void syncRows(String condition, Object param) {
        jdbc.sql("UPDATE tag_assignment a SET state = p.state, flag_rule = p.flag_rule FROM tag_pair p WHERE "
                        + condition + " AND a.image_id = p.image_id AND a.tag_id = p.tag_id AND a.state <> p.state")
                .param(param).update();
    }

    // ------------------------------------------------------------------ statistics and history

    /** Per tag and rule of the dataset (optionally one tag, one rule): flagged, reviewed, rejected. */
    public List<RuleStats> stats(int datasetId, Integer tagId, FlagRule rule) {
        List<Object> params = new ArrayList<>(List.of(datasetId));
        String conditions = new ReviewFilter(null, tagId, rule, null, null).conditions(params);
        return jdbc.sql("""
                        SELECT p.tag_id, t.name, p.flag_rule, count(*) AS flagged,
                               count(*) FILTER (WHERE p.state = %1$d) AS waiting,
                               count(*) FILTER (WHERE p.state <> %1$d AND p.bulk_id IS NULL) AS reviewed,
                               count(*) FILTER (WHERE p.state = %2$d AND p.bulk_id IS NULL) AS rejected,
                               count(*) FILTER (WHERE p.bulk_id IS NOT NULL) AS bulk
                          FROM tag_pair p JOIN tag t ON t.id = p.tag_id
                         WHERE p.dataset_id = ?""".formatted(FLAGGED, REJECTED) + conditions
                        + " GROUP BY p.tag_id, t.name, p.flag_rule ORDER BY t.name, p.flag_rule")
                .params(params)
                .query((rs, n) -> new RuleStats(rs.getInt(1), rs.getString(2), FlagRule.ofCode(rs.getShort(3)),
                        rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)))
                .list();
    }

    /** The latest decisions of a dataset, single and bulk, newest first. */
    public List<DecisionRecord> history(int datasetId, int limit) {
        return jdbc.sql("""
                        SELECT * FROM (
                            SELECT d.pair_id, NULL::bigint AS bulk_id, u.username, d.decision,
                                   t.name || ' · image ' || p.image_id AS subject, 1 AS pairs, NULL::text AS evidence,
                                   d.decided_at, d.undone_at, d.id
                              FROM pair_decision d JOIN tag_pair p ON p.id = d.pair_id JOIN tag t ON t.id = p.tag_id
                              JOIN app_user u ON u.id = d.user_id
                             WHERE p.dataset_id = ? AND d.bulk_id IS NULL ORDER BY d.id DESC LIMIT ?) single
                        UNION ALL SELECT * FROM (
                            SELECT NULL::bigint, b.id, u.username, b.decision, t.name || ' · ' || c.name, b.pairs,
                                   b.evidence::text, b.decided_at, b.undone_at, b.id
                              FROM bulk_decision b JOIN tag t ON t.id = b.tag_id JOIN app_user u ON u.id = b.user_id
                              JOIN code_name c ON c.domain = 'flag_rule' AND c.code = b.flag_rule
                             WHERE b.dataset_id = ? ORDER BY b.id DESC LIMIT ?) bulk
                        ORDER BY decided_at DESC LIMIT ?""")
                .params(datasetId, limit, datasetId, limit, limit)
                .query((rs, n) -> new DecisionRecord(rs.getObject(1, Long.class), rs.getObject(2, Long.class),
                        rs.getString(3), Decision.ofState(rs.getShort(4)), rs.getString(5), rs.getInt(6),
                        estimate(rs.getString(7)), rs.getObject(8, OffsetDateTime.class),
                        rs.getObject(9, OffsetDateTime.class)))
                .list();
    }

    /** The estimate a bulk decision recorded (bulk_decision.evidence), or null. */
    private static DecisionRecord.Estimate estimate(String evidence) {
        if (evidence == null) {
            return null;
        }
        try {
            JsonNode e = JSON.readTree(evidence);
            return new DecisionRecord.Estimate(e.path("reviewed").asLong(), e.path("rejected").asLong(),
                    new WilsonInterval(e.path("interval_low").asDouble(), e.path("interval_high").asDouble()));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("bulk_decision.evidence is not JSON: " + evidence, ex);
        }
    }

    private <T> T inTransaction(Supplier<T> work) {
        return transaction.execute(status -> work.get());
    }

    private static final String ENTRY_SELECT = """
            SELECT p.id, p.dataset_id, p.image_id, i.path, p.tag_id, t.name AS tag_name, p.state, p.flag_rule, p.score,
                   p.percentile, p.rechecked, %s,
                   (SELECT array_agg(DISTINCT a.source ORDER BY a.source) FROM tag_assignment a
                     WHERE a.image_id = p.image_id AND a.tag_id = p.tag_id) AS sources,
                   (SELECT count(*) FROM tag_assignment a WHERE a.image_id = p.image_id AND a.tag_id = p.tag_id) AS row_count
              FROM tag_pair p JOIN tag t ON t.id = p.tag_id JOIN image i ON i.id = p.image_id""";

    private static QueueEntry entry(ResultSet rs, int rowNum) throws SQLException {
        List<AssignmentSource> sources = new ArrayList<>();
        Array array = rs.getArray("sources");
        if (array != null) {
            for (Object code : (Object[]) array.getArray()) {
                sources.add(AssignmentSource.ofCode(((Number) code).intValue()));
            }
        }
        return new QueueEntry(rs.getLong("id"), rs.getInt("dataset_id"), rs.getLong("image_id"), rs.getString("path"),
                rs.getInt("tag_id"), rs.getString("tag_name"), AssignmentState.ofCode(rs.getShort("state")),
                FlagRule.ofCode(rs.getShort("flag_rule")), rs.getObject("score", Float.class),
                rs.getObject("percentile", Float.class), rs.getBoolean("rechecked"), sources, rs.getInt("row_count"),
                rs.getDouble("sort_key"));
    }
}
