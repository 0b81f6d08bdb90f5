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
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.tagforge.curation.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One flagged tag at a time: the image with the tag's regions, captions, evidence and typical crops of the tag.
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
    private final Deque<Long> history = new ArrayDeque<>();
    private ReviewItem current;
    private long cursor;

    public ReviewView(ReviewQueue queue, QueueChoices choices) {
        this.queue = queue;
        this.filters = new QueueFilterBar(choices, this::restart);
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
        add(top, itemArea);
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
        cursor = 0;
        show(() -> queue.next(filters.filter(), cursor));
    }

    private void decide(Decision decision) {
        if (current == null) {
            return;
        }
        ReviewItem.QueueEntry entry = current.entry();
        Long review = guarded(() -> queue.decide(entry.assignmentId(), decision));
        status.setText(review == null ? "Not decided: " + describe(entry)
                : (decision == Decision.ACCEPT ? "Accepted " : "Rejected ") + describe(entry));
        moveOn(entry.assignmentId());
    }

    private void skip() {
        if (current == null) {
            return;
        }
        ReviewItem.QueueEntry entry = current.entry();
        release();
        status.setText("Skipped " + describe(entry));
        moveOn(entry.assignmentId());
    }

    private void back() {
        if (history.isEmpty()) {
            return;
        }
        long previous = history.pop();
        release();
        Optional<ReviewItem> item = queue.open(previous);
        if (item.isEmpty()) {
            status.setText("#" + previous + " was decided or is being reviewed by someone else");
            return;
        }
        cursor = previous;
        current = null;
        show(() -> item);
    }

    private void undo() {
        Optional<Long> undone = guarded(queue::undoLast);
        if (undone == null || undone.isEmpty()) {
            status.setText("Nothing to undo");
            return;
        }
        release();
        status.setText("Undid the decision on #" + undone.get());
        show(() -> queue.load(undone.get()));
    }

    private void moveOn(long fromId) {
        history.push(fromId);
        cursor = fromId;
        current = null;
        show(() -> queue.next(filters.filter(), cursor));
    }

    private void release() {
        if (current != null) {
            queue.release(current.entry().assignmentId());
            current = null;
        }
    }

    private void show(Supplier<Optional<ReviewItem>> source) {
        content.removeAll();
        Optional<ReviewItem> item = guarded(source::get);
        current = item == null ? null : item.orElse(null);
        if (current == null) {
            Paragraph empty = new Paragraph("Nothing flagged is waiting for these filters.");
            empty.setId("review-empty");
            content.add(empty);
            return;
        }
        content.add(render(current));
        itemArea.getElement().callJsFunction("focus");
    }

    private HorizontalLayout render(ReviewItem item) {
        ReviewItem.QueueEntry e = item.entry();
        H3 tag = new H3(e.tagName());
        tag.setId("review-tag");
        Div facts = new Div(new Span(String.format(Locale.ROOT, "#%d · image %d · %s%s", e.assignmentId(),
                e.imageId(), e.flagRuleName(), e.score() == null ? "" : String.format(Locale.ROOT, " · score %.3f", e.score()))));
        Div captions = new Div();
        item.captions().forEach(c -> captions.add(new Paragraph(c)));
        captions.addClassName("captions");
        Div crops = new Div();
        crops.getStyle().set("display", "flex").set("gap", "6px").set("flex-wrap", "wrap");
        item.typicalCrops().forEach(c -> crops.add(new CropTile(c.image(), c.box(), 96)));
        VerticalLayout side = new VerticalLayout(tag, facts, section("Evidence"), new EvidencePanel(item.evidenceJson()),
                section("Captions"), captions, section("Typical " + e.tagName()), crops);
        side.setPadding(false);
        side.setSpacing(false);
        side.setWidth("40%");
        HorizontalLayout layout = new HorizontalLayout(
                new RegionImage(item.image(), e.tagName(), item.regions()), side);
        layout.setWidthFull();
        return layout;
    }

    private static Span section(String title) {
        Span s = new Span(title);
        s.getStyle().set("font-weight", "600").set("margin-top", "var(--lumo-space-m)");
        return s;
    }

    private static String describe(ReviewItem.QueueEntry e) {
        return "'" + e.tagName() + "' on image " + e.imageId() + " (#" + e.assignmentId() + ")";
    }

    /** Runs an action; a conflict (someone else got there first) is shown, not thrown. Null after a conflict. */
    private <T> T guarded(Supplier<T> action) {
        try {
            return action.get();
        } catch (ReviewConflictException ex) {
            Notification.show(ex.getMessage(), 4000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_WARNING);
            return null;
        }
    }
}
