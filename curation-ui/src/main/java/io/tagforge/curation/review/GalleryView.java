package io.tagforge.curation.review;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tagforge.curation.errors.UserErrors;
import io.tagforge.curation.review.ReviewItem.Box;
import io.tagforge.curation.security.CurrentUser;
import io.tagforge.curation.security.Roles;
import io.tagforge.engine.review.Decision;
import io.tagforge.engine.review.ReviewFilter;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The flagged pairs of one tag as a grid of their outlier crops: select several, accept or reject them together.
 * The shown pairs are leased to this user, so two galleries never show the same pair. Above: how reviewers
 * judged the tag's flags so far, with the bulk decision for the rest.
 */
@Route("review/gallery")
@PageTitle("Gallery · Tagforge")
@RolesAllowed(Roles.ANNOTATOR)
public class GalleryView extends VerticalLayout {

    static final int PAGE = 48;

    private final ReviewQueue queue;
    private final QueueFilterBar filters;
    private final Div grid = new Div();
    private final Span summary = new Span();
    private final RuleStatsPanel stats;
    private final Set<Long> selected = new LinkedHashSet<>();
    private final List<Long> shown = new ArrayList<>();
    private final List<Div> tiles = new ArrayList<>();

    public GalleryView(ReviewQueue queue, QueueChoices choices, CurrentUser user) {
        this.queue = queue;
        this.filters = new QueueFilterBar(choices, this::reload);
        this.stats = new RuleStatsPanel(queue, user, this::reload);
        Button all = new Button("Select all", e -> selectAll());
        all.setId("select-all");
        Button accept = new Button("Accept selected", e -> decide(Decision.ACCEPT));
        accept.setId("accept-selected");
        accept.addThemeVariants(ButtonVariant.LUMO_SUCCESS, ButtonVariant.LUMO_PRIMARY);
        Button reject = new Button("Reject selected", e -> decide(Decision.REJECT));
        reject.setId("reject-selected");
        reject.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        summary.setId("gallery-summary");
        HorizontalLayout bar = new HorizontalLayout(all, accept, reject, summary);
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        grid.setId("gallery-grid");
        grid.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "8px");
        add(filters, stats, bar, grid);
        reload();
    }

    /** Ids of the items on screen, in order. */
    List<Long> shownIds() {
        return List.copyOf(shown);
    }

    void toggle(long pairId) {
        int i = shown.indexOf(pairId);
        if (!selected.remove(pairId)) {
            selected.add(pairId);
        }
        mark(tiles.get(i), selected.contains(pairId));
        updateSummary();
    }

    private void selectAll() {
        selected.addAll(shown);
        tiles.forEach(t -> mark(t, true));
        updateSummary();
    }

    private void decide(Decision decision) {
        if (selected.isEmpty()) {
            Notification.show("Select crops first (click them)");
            return;
        }
        Integer n = UserErrors.call(() -> queue.decideAll(List.copyOf(selected), decision));
        if (n != null) {
            Notification.show((decision == Decision.ACCEPT ? "Accepted " : "Rejected ") + n);
        }
        reload();
    }

    private void reload() {
        shown.forEach(queue::release);
        shown.clear();
        selected.clear();
        tiles.clear();
        grid.removeAll();
        ReviewFilter filter = filters.filter();
        stats.show(filter);
        if (filter.tagId() == null) {
            grid.add(new Span("Choose a tag to see its flagged crops."));
            updateSummary();
            return;
        }
        for (ReviewItem item : queue.claimPage(filter, filters.order(), PAGE)) {
            long id = item.entry().pairId();
            Div tile = new Div(tileImage(item));
            tile.setId("tile-" + id);
            tile.getStyle().set("cursor", "pointer").set("padding", "3px").set("border-radius", "6px");
            mark(tile, false);
            tile.addClickListener(e -> toggle(id));
            shown.add(id);
            tiles.add(tile);
            grid.add(tile);
        }
        updateSummary();
    }

    /** The pair's flagged region, or the whole image when it has none (NO_REGION flags). */
    private static Div tileImage(ReviewItem item) {
        Box box = item.flaggedRegion();
        return new CropTile(item.image(), box == null ? new Box(0, 0, 1, 1, 0, null, null) : box, 128);
    }

    private static void mark(Div tile, boolean on) {
        tile.getStyle().set("outline", on ? "4px solid var(--lumo-primary-color)" : "1px solid var(--lumo-contrast-20pct)");
    }

    private void updateSummary() {
        summary.setText(shown.size() + " shown, " + selected.size() + " selected");
    }
}
