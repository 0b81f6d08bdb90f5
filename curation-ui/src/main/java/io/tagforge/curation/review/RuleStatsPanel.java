package io.tagforge.curation.review;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableHeaderCell;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import io.tagforge.curation.errors.UserErrors;
import io.tagforge.curation.security.CurrentUser;
import io.tagforge.curation.security.Roles;
import io.tagforge.engine.review.Decision;
import io.tagforge.engine.review.ReviewFilter;
import io.tagforge.engine.review.RuleStats;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How reviewers judged the flags of the chosen dataset, per tag and rule: flagged, waiting, reviewed, the share
 * rejected with its 95% interval; for a curator, once enough were reviewed, the bulk decision for the rest.
 */
class RuleStatsPanel extends Div {

    private static final int ROWS = 12;

    private final ReviewQueue queue;
    private final CurrentUser user;
    private final Runnable onBulk;

    RuleStatsPanel(ReviewQueue queue, CurrentUser user, Runnable onBulk) {
        this.queue = queue;
        this.user = user;
        this.onBulk = onBulk;
        setId("rule-stats");
    }

    void show(ReviewFilter filter) {
        removeAll();
        if (filter.datasetId() == null) {
            add(new Span("Choose a dataset to see how reviewers judged its flags."));
            return;
        }
        List<RuleStats> stats = queue.stats(filter.datasetId(), filter.tagId(), filter.flagRule()).stream()
                .sorted(Comparator.comparingLong(RuleStats::waiting).reversed()).limit(ROWS).toList();
        NativeTable table = new NativeTable();
        table.getStyle().set("border-spacing", "1em 2px").set("font-size", "var(--lumo-font-size-s)");
        table.add(new NativeTableRow(header("tag"), header("rule"), header("flagged"), header("waiting"),
                header("reviewed"), header("rejected (95% interval)"), header("")));
        for (RuleStats s : stats) {
            table.add(new NativeTableRow(cell(s.tagName()), cell(s.rule().label()), cell(count(s.flagged())),
                    cell(count(s.waiting())), cell(count(s.reviewed())), cell(share(s)), bulkCell(filter.datasetId(), s)));
        }
        add(table);
    }

    private NativeTableCell bulkCell(int datasetId, RuleStats s) {
        NativeTableCell cell = new NativeTableCell();
        if (s.waiting() == 0 || s.majority().isEmpty() || !user.hasRole(Roles.CURATOR)) {
            return cell;
        }
        if (s.reviewed() < queue.minReviewed()) {
            cell.add(new Span("bulk decision after " + queue.minReviewed() + " reviewed"));
            return cell;
        }
        Decision majority = s.majority().get();
        String verb = majority == Decision.REJECT ? "Reject" : "Accept";
        Button apply = new Button(verb + " the remaining " + count(s.waiting()), e -> {
            Long bulk = UserErrors.call(() -> queue.applyBulk(datasetId, s.tagId(), s.rule(), majority));
            if (bulk != null) {
                Notification.show(verb + "ed the remaining " + count(s.waiting()) + " " + s.rule().label()
                        + " flags of '" + s.tagName() + "' (bulk decision #" + bulk + ", undoable in the history)");
            }
            onBulk.run();
        });
        apply.setId("bulk-" + s.tagId() + "-" + s.rule().name());
        apply.addThemeVariants(ButtonVariant.LUMO_SMALL,
                majority == Decision.REJECT ? ButtonVariant.LUMO_ERROR : ButtonVariant.LUMO_SUCCESS);
        cell.add(apply);
        return cell;
    }

    /** "46 of 50 (92%, 81–97%)" */
    static String share(RuleStats s) {
        if (s.reviewed() == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%,d of %,d (%.0f%%, %s)", s.rejected(), s.reviewed(),
                s.rejectedShare() * 100, s.rejectedInterval().percent());
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static NativeTableHeaderCell header(String text) {
        NativeTableHeaderCell cell = new NativeTableHeaderCell(text);
        cell.getStyle().set("text-align", "left");
        return cell;
    }

    private static NativeTableCell cell(String text) {
        return new NativeTableCell(text);
    }
}
