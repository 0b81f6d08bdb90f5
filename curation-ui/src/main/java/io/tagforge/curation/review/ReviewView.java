package io.tagforge.curation.review;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.tagforge.curation.errors.UserErrors;
import io.tagforge.curation.review.ReviewItem.Box;
import io.tagforge.curation.security.CurrentUser;
import io.tagforge.curation.security.Roles;
import io.tagforge.engine.review.Decision;
import io.tagforge.engine.review.QueueCursor;
import io.tagforge.engine.review.QueueEntry;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One flagged image–tag pair at a time: the image with the tag's boxes, the captions with the tag's words marked,
 * the evidence, the flagged crop beside its cluster's most typical crops. Above: how reviewers judged each tag and
 * rule so far, with the bulk decision for the rest; below: the latest decisions.
 * Keys (with the item area focused): A accept, R reject, S or → skip, ← back, U undo.
 */
@Route("review")
@PageTitle("Review · Tagforge")
@RolesAllowed(Roles.ANNOTATOR)
public class ReviewView extends VerticalLayout {

    private final ReviewQueue queue;
    private final QueueFilterBar filters;
    private final Div itemArea = new Div();
    private final Div content = new Div();
    private final Span status = new Span();
    private final RuleStatsPanel stats;
    private final DecisionHistory decisions;
    private final Deque<QueueCursor> history = new ArrayDeque<>();
    private ReviewItem current;
    private QueueCursor cursor = QueueCursor.START;

    public ReviewView(ReviewQueue queue, QueueChoices choices, CurrentUser user) {
        this.queue = queue;
        this.filters = new QueueFilterBar(choices, this::restart);
        this.stats = new RuleStatsPanel(queue, user, this::restart);
        this.decisions = new DecisionHistory(queue, user, this::restart);
        setSizeFull();
        RouterLink gallery = new RouterLink("Gallery by tag", GalleryView.class);
        HorizontalLayout top = new HorizontalLayout(filters, gallery);
        top.setAlignItems(FlexComponent.Alignment.BASELINE);
        top.setWidthFull();

        itemArea.setId("review-item");
        // focusable, so the keys below work while the pointer or focus is anywhere in the item
        itemArea.getElement().setAttribute("tabindex", "0");
        itemArea.getStyle().set("outline", "none").set("width", "100%");
        status.setId("review-status");
        itemArea.add(actions(), status, content);
        add(top, stats, itemArea, section("Latest decisions"), decisions);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        if (current == null) {
            restart();
        }
    }

    private HorizontalLayout actions() {
        Button accept = action("accept", "Accept (A)", Key.KEY_A, () -> decide(Decision.ACCEPT));
        accept.addThemeVariants(ButtonVariant.LUMO_SUCCESS, ButtonVariant.LUMO_PRIMARY);
        Button reject = action("reject", "Reject (R)", Key.KEY_R, () -> decide(Decision.REJECT));
        reject.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        Button skip = action("skip", "Skip (S)", Key.KEY_S, this::skip);
        Button undo = action("undo", "Undo (U)", Key.KEY_U, this::undo);
        Button back = action("back", "← Back", Key.ARROW_LEFT, this::back);
        Button next = action("next", "Next →", Key.ARROW_RIGHT, this::skip);
        HorizontalLayout bar = new HorizontalLayout(accept, reject, skip, undo, back, next);
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        return bar;
    }

    private Button action(String id, String label, Key key, Runnable run) {
        Button button = new Button(label, e -> run.run());
        button.setId(id);
        Shortcuts.addShortcutListener(itemArea, run::run, key).listenOn(itemArea);
        return button;
    }

    private void restart() {
        release();
        history.clear();
        cursor = QueueCursor.START;
        // no focus grab: the user may be typing in a filter, and the item's keys (A, R, S) would decide
        show(() -> queue.next(filters.filter(), filters.order(), cursor), false);
    }

    private void decide(Decision decision) {
        if (current == null) {
            return;
        }
        QueueEntry entry = current.entry();
        Long review = guarded(() -> queue.decide(entry.pairId(), decision));
        status.setText(review == null ? "Not decided: " + describe(entry)
                : (decision == Decision.ACCEPT ? "Accepted " : "Rejected ") + describe(entry));
        moveOn(entry.cursor());
    }

    private void skip() {
        if (current == null) {
            return;
        }
        QueueEntry entry = current.entry();
        release();
        status.setText("Skipped " + describe(entry));
        moveOn(entry.cursor());
    }

    private void back() {
        if (history.isEmpty()) {
            return;
        }
        QueueCursor previous = history.pop();
        release();
        Optional<ReviewItem> item = queue.open(previous.pairId());
        if (item.isEmpty()) {
            status.setText("Pair #" + previous.pairId() + " was decided or is being reviewed by someone else");
            return;
        }
        cursor = previous;
        current = null;
        show(() -> item, true);
    }

    private void undo() {
        List<Long> undone = guarded(queue::undoLast);
        if (undone == null || undone.isEmpty()) {
            status.setText("Nothing to undo");
            return;
        }
        release();
        if (undone.size() > 1) {
            status.setText("Undid a bulk decision: " + undone.size() + " pairs are flagged again");
            restart();
            return;
        }
        long pair = undone.get(0);
        status.setText("Undid the decision on pair #" + pair);
        show(() -> queue.open(pair), true);
    }

    private void moveOn(QueueCursor from) {
        history.push(from);
        cursor = from;
        current = null;
        show(() -> queue.next(filters.filter(), filters.order(), cursor), true);
    }

    private void release() {
        if (current != null) {
            queue.release(current.entry().pairId());
            current = null;
        }
    }

    private void show(Supplier<Optional<ReviewItem>> source, boolean focus) {
        content.removeAll();
        stats.show(filters.filter());
        decisions.show(filters.filter().datasetId());
        Optional<ReviewItem> item = guarded(source::get);
        current = item == null ? null : item.orElse(null);
        if (current == null) {
            Paragraph empty = new Paragraph("Nothing flagged is waiting for these filters.");
            empty.setId("review-empty");
            content.add(empty);
            return;
        }
        content.add(render(current));
        if (focus) {
            itemArea.getElement().callJsFunction("focus");
        }
    }

    private HorizontalLayout render(ReviewItem item) {
        QueueEntry e = item.entry();
        H3 tag = new H3(e.tagName());
        tag.setId("review-tag");
        Div facts = new Div(new Span(String.format(Locale.ROOT, "image %d · flagged: %s%s · %d assignment%s from %s",
                e.imageId(), e.rule().label(), e.score() == null ? "" : " · score " + EvidencePanel.number(e.score()),
                e.rows(), e.rows() == 1 ? "" : "s",
                e.sources().stream().map(s -> s.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                        .collect(Collectors.joining(", ")))));
        facts.setId("review-facts");
        if (e.rechecked()) {
            Span recheck = new Span("Flagged again by a recheck after someone accepted it.");
            recheck.getStyle().set("color", "var(--lumo-error-text-color)");
            facts.add(new Div(recheck));
        }
        Div captions = new Div();
        item.captions().forEach(c -> captions.add(CaptionMarks.render(c, item.tagForms())));
        captions.addClassName("captions");
        VerticalLayout side = new VerticalLayout(tag, facts, section("Evidence"), new EvidencePanel(item.evidenceJson()),
                section("Captions (those it was parsed from in black, its words marked)"), captions,
                section("This crop · the most typical of its cluster"), crops(item));
        side.setPadding(false);
        side.setSpacing(false);
        side.setWidth("40%");
        HorizontalLayout layout = new HorizontalLayout(
                new RegionImage(item.image(), e.tagName(), item.regions()), side);
        layout.setWidthFull();
        return layout;
    }

    /** The flagged crop, outlined, then the typical ones; none without a region. */
    private static Div crops(ReviewItem item) {
        Div crops = new Div();
        crops.setId("review-crops");
        crops.getStyle().set("display", "flex").set("gap", "6px").set("flex-wrap", "wrap").set("align-items", "center");
        Box flagged = item.flaggedRegion();
        if (flagged != null) {
            CropTile own = new CropTile(item.image(), flagged, 112);
            own.getStyle().set("outline", "3px solid " + (RegionImage.isOutlier(flagged) ? "#e8453c" : "#2fb344"));
            crops.add(own, new Span("·"));
        }
        item.typicalCrops().forEach(c -> crops.add(new CropTile(c.image(), c.box(), 96)));
        if (flagged == null && item.typicalCrops().isEmpty()) {
            crops.add(new Span("No region of this tag."));
        }
        return crops;
    }

    private static Span section(String title) {
        Span s = new Span(title);
        s.getStyle().set("font-weight", "600").set("margin-top", "var(--lumo-space-m)");
        return s;
    }

    private static String describe(QueueEntry e) {
        return "'" + e.tagName() + "' on image " + e.imageId() + " (pair #" + e.pairId() + ", " + e.rows()
                + (e.rows() == 1 ? " assignment)" : " assignments)");
    }

    /** Runs an action; a conflict (someone else got there first) or a refusal is shown, not thrown. Null then. */
    private <T> T guarded(Supplier<T> action) {
        return UserErrors.call(action);
    }
}
