package io.tagforge.curation.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagforge.curation.CocoMiniFixture;
import io.tagforge.curation.SpringUiTest;
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
    void showsTheFlaggedItemWithItsRegionsCaptionsEvidenceAndTypicalCrops() {
        signIn("anna", "ANNOTATOR");
        ReviewItem item = queue.next(ReviewFilter.ALL, 0).orElseThrow();
        assertThat(item.entry().assignmentId()).isEqualTo(coco.flaggedIds().get(0));
        assertThat(item.captions()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(item.regions()).isNotEmpty().allSatisfy(b -> assertThat(b.x2()).isGreaterThan(b.x1()));
        assertThat(item.evidenceJson()).contains("outlier_percentile");
        assertThat(item.typicalCrops()).isNotEmpty()
                .allSatisfy(c -> assertThat(c.image().path()).startsWith("train2017/"));
        assertThat(item.image().url()).startsWith("/dataset-images/" + coco.datasetId + "?path=train2017%2F");
    }

    @Test
    void decisionsAreRecordedAndUndoRestoresTheFlag() {
        signIn("anna", "ANNOTATOR");
        long first = queue.next(ReviewFilter.ALL, 0).orElseThrow().entry().assignmentId();
        queue.decide(first, Decision.REJECT);
        assertThat(coco.state(first)).isEqualTo((short) 3);
        long second = queue.next(ReviewFilter.ALL, first).orElseThrow().entry().assignmentId();
        assertThat(second).isGreaterThan(first);
        queue.decide(second, Decision.ACCEPT);

        assertThat(queue.undoLast()).contains(second);
        assertThat(coco.state(second)).isEqualTo((short) 1);
        assertThat(queue.undoLast()).contains(first);
        assertThat(coco.state(first)).isEqualTo((short) 1);
        assertThat(queue.undoLast()).isEmpty();
        assertThat(coco.jdbc().sql("SELECT count(*) FROM review WHERE undone_at IS NOT NULL AND user_id = "
                + "(SELECT id FROM app_user WHERE username = 'anna')").query(Long.class).single()).isEqualTo(2);
        assertThatThrownBy(() -> {
            queue.decide(first, Decision.ACCEPT);
            queue.decide(first, Decision.REJECT);
        }).isInstanceOf(ReviewConflictException.class).hasMessageContaining("no longer flagged");
    }

    @Test
    void filtersByDatasetTagRuleAndScore() {
        signIn("anna", "ANNOTATOR");
        long someId = coco.flaggedIds().get(3);
        int tag = coco.jdbc().sql("SELECT tag_id FROM tag_assignment WHERE id = ?").param(someId).query(Integer.class).single();
        List<ReviewItem.QueueEntry> ofTag = queue.page(new ReviewFilter(coco.datasetId, tag, 0, null, null), 0, 100);
        assertThat(ofTag).isNotEmpty().allSatisfy(e -> assertThat(e.tagId()).isEqualTo(tag));
        assertThat(queue.page(new ReviewFilter(coco.datasetId + 1, null, null, null, null), 0, 10)).isEmpty();
        assertThat(queue.page(new ReviewFilter(null, null, 2, null, null), 0, 10)).isEmpty();

        coco.jdbc().sql("UPDATE tag_assignment SET score = 0.30 WHERE id = ?").param(someId).update();
        assertThat(queue.page(new ReviewFilter(null, null, null, 0.25f, 0.35f), 0, 10))
                .extracting(ReviewItem.QueueEntry::assignmentId).containsExactly(someId);
        assertThatThrownBy(() -> new ReviewFilter(null, null, null, 0.5f, 0.1f))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLeasedItemGoesToNoOneElseUntilTheLeaseRunsOut() {
        signIn("anna", "ANNOTATOR");
        long annas = queue.next(ReviewFilter.ALL, 0).orElseThrow().entry().assignmentId();
        signIn("ben", "ANNOTATOR");
        long bens = queue.next(ReviewFilter.ALL, 0).orElseThrow().entry().assignmentId();
        assertThat(bens).isNotEqualTo(annas);
        assertThat(queue.open(annas)).isEmpty();
        assertThatThrownBy(() -> queue.decide(annas, Decision.ACCEPT))
                .isInstanceOf(ReviewConflictException.class).hasMessageContaining("leased to another");

        coco.jdbc().sql("UPDATE lease SET until = now() - interval '1 second' WHERE assignment_id = ?").param(annas).update();
        queue.release(bens);
        assertThat(queue.next(ReviewFilter.ALL, 0).map(i -> i.entry().assignmentId())).contains(annas);
    }

    @Test
    void theQueueRefusesUsersWithoutTheAnnotatorRole() {
        signIn("cora", "CURATOR");
        assertThatThrownBy(() -> queue.next(ReviewFilter.ALL, 0)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> queue.decide(coco.flaggedIds().get(0), Decision.ACCEPT))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(queue::undoLast).isInstanceOf(AccessDeniedException.class);
        SecurityContextHolder.clearContext();
        assertThatThrownBy(() -> queue.page(ReviewFilter.ALL, 0, 10)).isInstanceOf(Exception.class);
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
            assertThat(coco.jdbc().sql("SELECT count(*) FROM review").query(Long.class).single())
                    .isEqualTo(flagged.size());
            assertThat(coco.jdbc().sql("""
                    SELECT count(*) FROM review r JOIN tag_assignment ta ON ta.id = r.assignment_id
                     WHERE ta.state <> r.decision""").query(Long.class).single()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    private Callable<List<Long>> worker(String user, Decision decision, CyclicBarrier start) {
        return () -> {
            signIn(user, "ANNOTATOR");
            start.await();
            List<Long> decided = new ArrayList<>();
            long cursor = 0;
            for (Optional<ReviewItem> item = queue.next(ReviewFilter.ALL, cursor); item.isPresent();
                 item = queue.next(ReviewFilter.ALL, cursor)) {
                long id = item.get().entry().assignmentId();
                queue.decide(id, decision);
                decided.add(id);
                cursor = id;
            }
            return decided;
        };
    }
}
