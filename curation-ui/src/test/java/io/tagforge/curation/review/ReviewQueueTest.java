package io.tagforge.curation.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagforge.curation.SpringUiTest;
import io.tagforge.engine.review.Decision;
import io.tagforge.engine.review.QueueCursor;
import io.tagforge.engine.review.QueueEntry;
import io.tagforge.engine.review.QueueOrder;
import io.tagforge.engine.review.ReviewConflictException;
import io.tagforge.engine.review.ReviewFilter;
import io.tagforge.engine.review.RuleStats;
import io.tagforge.labelsystem.assignment.FlagRule;
import io.tagforge.engine.testing.CocoMiniFixture;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

class ReviewQueueTest extends SpringUiTest {

    @Autowired
    ReviewQueue queue;

    CocoMiniFixture coco;

    @BeforeEach
    void load() {
        coco = CocoMiniFixture.load();
        assertThat(coco.flaggedIds()).hasSizeGreaterThan(20);
    }

    @Test
    void showsTheFlaggedPairWithItsRegionsCaptionsEvidenceAndTypicalCrops() {
        signIn("anna", "ANNOTATOR");
        ReviewItem item = queue.next(ReviewFilter.ALL, QueueOrder.FLAGGED, QueueCursor.START).orElseThrow();
        assertThat(item.entry().pairId()).isEqualTo(coco.flaggedIds().get(0));
        assertThat(item.entry().rows()).isEqualTo(coco.rowStates(item.entry().pairId()).size());
        assertThat(item.captions()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(item.captions().stream().filter(ReviewItem.CaptionLine::source))
                .hasSize(item.entry().rows() - 1)
                .allSatisfy(c -> assertThat(CaptionMarks.pieces(c.text(), item.tagForms())).hasSizeGreaterThan(1));
        assertThat(item.tagForms()).contains(item.entry().tagName());
        assertThat(item.regions()).isNotEmpty().allSatisfy(b -> assertThat(b.x2()).isGreaterThan(b.x1()));
        assertThat(item.evidenceJson()).contains("distance_percentile");
        assertThat(item.typicalCrops()).isNotEmpty()
                .allSatisfy(c -> assertThat(c.image().path()).startsWith("train2017/"));
        assertThat(item.image().url()).startsWith("/dataset-images/" + coco.datasetId + "?path=train2017%2F");
    }

    @Test
    void oneDecisionSettlesEveryRowOfThePairAndUndoRestoresThem() {
        signIn("anna", "ANNOTATOR");
        QueueEntry first = queue.next(ReviewFilter.ALL, QueueOrder.FLAGGED, QueueCursor.START).orElseThrow().entry();
        queue.decide(first.pairId(), Decision.REJECT);
        assertThat(coco.state(first.pairId())).isEqualTo((short) 3);
        assertThat(coco.rowStates(first.pairId())).hasSize(first.rows()).containsOnly((short) 3);
        long second = queue.next(ReviewFilter.ALL, QueueOrder.FLAGGED, first.cursor()).orElseThrow().entry().pairId();
        assertThat(second).isGreaterThan(first.pairId());
        queue.decide(second, Decision.ACCEPT);

        assertThat(queue.undoLast()).containsExactly(second);
        assertThat(coco.state(second)).isEqualTo((short) 1);
        assertThat(queue.undoLast()).containsExactly(first.pairId());
        assertThat(coco.rowStates(first.pairId())).containsOnly((short) 1);
        assertThat(queue.undoLast()).isEmpty();
        assertThat(coco.jdbc().sql("SELECT count(*) FROM pair_decision WHERE undone_at IS NOT NULL AND user_id = "
                + "(SELECT id FROM app_user WHERE username = 'anna')").query(Long.class).single()).isEqualTo(2);
        long firstPair = first.pairId();
        assertThatThrownBy(() -> {
            queue.decide(firstPair, Decision.ACCEPT);
            queue.decide(firstPair, Decision.REJECT);
        }).isInstanceOf(ReviewConflictException.class).hasMessageContaining("no longer flagged");
    }

    @Test
    void filtersByDatasetTagRuleAndScore() {
        signIn("anna", "ANNOTATOR");
        long someId = coco.flaggedIds().get(3);
        int tag = (Integer) coco.pair(someId).get("tag_id");
        List<QueueEntry> ofTag = queue.page(new ReviewFilter(coco.datasetId, tag, FlagRule.OUTLIER_REGION, null, null),
                QueueOrder.FLAGGED, QueueCursor.START, 100);
        assertThat(ofTag).isNotEmpty().allSatisfy(e -> assertThat(e.tagId()).isEqualTo(tag));
        assertThat(queue.page(new ReviewFilter(coco.datasetId + 1, null, null, null, null), QueueOrder.FLAGGED,
                QueueCursor.START, 10)).isEmpty();
        assertThat(queue.page(new ReviewFilter(null, null, FlagRule.LOW_SCORE, null, null), QueueOrder.FLAGGED,
                QueueCursor.START, 10)).isEmpty();

        coco.jdbc().sql("UPDATE tag_pair SET score = 0.30 WHERE id = ?").param(someId).update();
        assertThat(queue.page(new ReviewFilter(null, null, null, 0.25f, 0.35f), QueueOrder.FLAGGED, QueueCursor.START, 10))
                .extracting(QueueEntry::pairId).containsExactly(someId);
        assertThat(queue.page(ReviewFilter.ALL, QueueOrder.SCORE, QueueCursor.START, 1))
                .extracting(QueueEntry::pairId).containsExactly(someId);
        assertThatThrownBy(() -> new ReviewFilter(null, null, null, 0.5f, 0.1f))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLeasedItemGoesToNoOneElseUntilTheLeaseRunsOut() {
        signIn("anna", "ANNOTATOR");
        long annas = queue.next(ReviewFilter.ALL, QueueOrder.FLAGGED, QueueCursor.START).orElseThrow().entry().pairId();
        signIn("ben", "ANNOTATOR");
        long bens = queue.next(ReviewFilter.ALL, QueueOrder.FLAGGED, QueueCursor.START).orElseThrow().entry().pairId();
        assertThat(bens).isNotEqualTo(annas);
        assertThat(queue.open(annas)).isEmpty();
        assertThatThrownBy(() -> queue.decide(annas, Decision.ACCEPT))
                .isInstanceOf(ReviewConflictException.class).hasMessageContaining("leased to another");

        coco.jdbc().sql("UPDATE pair_lease SET until = now() - interval '1 second' WHERE pair_id = ?").param(annas).update();
        queue.release(bens);
        assertThat(queue.next(ReviewFilter.ALL, QueueOrder.FLAGGED, QueueCursor.START).map(i -> i.entry().pairId()))
                .contains(annas);
    }

    @Test
    void theQueueRefusesUsersWithoutTheAnnotatorRole() {
        signIn("cora", "CURATOR");
        assertThatThrownBy(() -> queue.next(ReviewFilter.ALL, QueueOrder.FLAGGED, QueueCursor.START)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> queue.decide(coco.flaggedIds().get(0), Decision.ACCEPT))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(queue::undoLast).isInstanceOf(AccessDeniedException.class);
        signIn("anna", "ANNOTATOR");
        assertThatThrownBy(() -> queue.applyBulk(coco.datasetId, 1, FlagRule.OUTLIER_REGION, Decision.REJECT))
                .isInstanceOf(AccessDeniedException.class);
        SecurityContextHolder.clearContext();
        assertThatThrownBy(() -> queue.page(ReviewFilter.ALL, QueueOrder.FLAGGED, QueueCursor.START, 10))
                .isInstanceOf(Exception.class);
        assertThat(coco.state(coco.flaggedIds().get(0))).isEqualTo((short) 1);
    }

    @Test
    void twoAnnotatorsWorkingTogetherNeverGetTheSameItemAndLoseNoDecision() throws Exception {
        List<Long> flagged = coco.flaggedIds();
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<List<Long>> anna = pool.submit(worker("anna", Decision.ACCEPT, start));
            Future<List<Long>> ben = pool.submit(worker("ben", Decision.REJECT, start));
            List<Long> annas = anna.get();
            List<Long> bens = ben.get();
            Set<Long> both = new HashSet<>(annas);
            both.retainAll(bens);
            assertThat(both).as("items both annotators decided").isEmpty();
            assertThat(annas).isNotEmpty();
            assertThat(bens).isNotEmpty();
            List<Long> all = new ArrayList<>(annas);
            all.addAll(bens);
            assertThat(all).containsExactlyInAnyOrderElementsOf(flagged);
            assertThat(coco.flaggedIds()).isEmpty();
            assertThat(coco.jdbc().sql("SELECT count(*) FROM pair_decision").query(Long.class).single())
                    .isEqualTo(flagged.size());
            assertThat(coco.jdbc().sql("""
                    SELECT count(*) FROM pair_decision d JOIN tag_pair p ON p.id = d.pair_id
                      JOIN tag_assignment ta ON ta.image_id = p.image_id AND ta.tag_id = p.tag_id
                     WHERE ta.state <> d.decision OR p.state <> d.decision""").query(Long.class).single()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCuratorAppliesTheMajorityToTheRestOfATagAndUndoesItAsOneStep() {
        signIn("anna", "ANNOTATOR");
        int tag = coco.jdbc().sql("""
                        SELECT tag_id FROM tag_pair WHERE state = 1 GROUP BY tag_id ORDER BY count(*) DESC, tag_id LIMIT 1""")
                .query(Integer.class).single();
        ReviewFilter ofTag = new ReviewFilter(coco.datasetId, tag, FlagRule.OUTLIER_REGION, null, null);
        List<QueueEntry> all = queue.page(ofTag, QueueOrder.FLAGGED, QueueCursor.START, 1000);
        assertThat(all).hasSizeGreaterThanOrEqualTo(4);
        queue.decide(all.get(0).pairId(), Decision.REJECT);
        queue.decide(all.get(1).pairId(), Decision.REJECT);
        queue.decide(all.get(2).pairId(), Decision.ACCEPT);
        RuleStats stats = queue.stats(coco.datasetId, tag, FlagRule.OUTLIER_REGION).get(0);
        assertThat(stats.reviewed()).isEqualTo(3);
        assertThat(stats.rejected()).isEqualTo(2);
        assertThat(stats.majority()).contains(Decision.REJECT);

        signIn("cora", "CURATOR");
        long bulk = queue.applyBulk(coco.datasetId, tag, FlagRule.OUTLIER_REGION, Decision.REJECT);
        all.stream().skip(3).forEach(e -> assertThat(coco.rowStates(e.pairId())).containsOnly((short) 3));
        assertThat(queue.history(coco.datasetId, 1).get(0).bulkId()).isEqualTo(bulk);
        assertThat(queue.undoBulk(bulk)).hasSize(all.size() - 3);
        all.stream().skip(3).forEach(e -> assertThat(coco.state(e.pairId())).isEqualTo((short) 1));
        assertThat(coco.state(all.get(2).pairId())).isEqualTo((short) 2);
    }

    private Callable<List<Long>> worker(String user, Decision decision, CyclicBarrier start) {
        return () -> {
            signIn(user, "ANNOTATOR");
            start.await();
            List<Long> decided = new ArrayList<>();
            QueueCursor cursor = QueueCursor.START;
            for (Optional<ReviewItem> item = queue.next(ReviewFilter.ALL, QueueOrder.FLAGGED, cursor); item.isPresent();
                 item = queue.next(ReviewFilter.ALL, QueueOrder.FLAGGED, cursor)) {
                long id = item.get().entry().pairId();
                queue.decide(id, decision);
                decided.add(id);
                cursor = item.get().entry().cursor();
            }
            return decided;
        };
    }
}
