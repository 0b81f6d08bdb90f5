package io.tagforge.curation.review;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import io.tagforge.curation.errors.UserErrors;
import io.tagforge.curation.security.CurrentUser;
import io.tagforge.curation.security.Roles;
import io.tagforge.engine.review.Decision;
import io.tagforge.engine.review.DecisionRecord;
import java.util.List;
import java.util.Locale;

/** The latest decisions of a dataset; a bulk decision shows its estimate and, for curators, an undo. */
class DecisionHistory extends Div {

    private static final int SHOWN = 8;

    private final ReviewQueue queue;
    private final CurrentUser user;
    private final Runnable onUndo;

    DecisionHistory(ReviewQueue queue, CurrentUser user, Runnable onUndo) {
        this.queue = queue;
        this.user = user;
        this.onUndo = onUndo;
        setId("decision-history");
    }

    void show(Integer datasetId) {
        removeAll();
        if (datasetId == null) {
            return;
        }
        List<DecisionRecord> records = queue.history(datasetId, SHOWN);
        if (records.isEmpty()) {
            add(new Span("No decisions yet."));
        }
        for (DecisionRecord r : records) {
            Div line = new Div(new Span(describe(r)));
            line.getStyle().set("font-size", "var(--lumo-font-size-s)");
            if (r.undoneAt() != null) {
                line.getStyle().set("text-decoration", "line-through").set("color", "var(--lumo-secondary-text-color)");
            } else if (r.bulkId() != null && user.hasRole(Roles.CURATOR)) {
                Button undo = new Button("Undo", e -> undo(r.bulkId()));
                undo.setId("undo-bulk-" + r.bulkId());
                undo.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                line.add(undo);
            }
            add(line);
        }
    }

    private void undo(long bulkId) {
        Integer pairs = UserErrors.call(() -> queue.undoBulk(bulkId).size());
        if (pairs != null) {
            Notification.show("Undid bulk decision #" + bulkId + ": " + pairs + " pairs are flagged again");
        }
        onUndo.run();
    }

    static String describe(DecisionRecord r) {
        String verb = r.decision() == Decision.REJECT ? "rejected" : "accepted";
        if (r.bulkId() == null) {
            return r.user() + " " + verb + " " + r.subject();
        }
        return String.format(Locale.ROOT, "%s %s the remaining %,d · %s (bulk #%d: %s)", r.user(), verb, r.pairs(),
                r.subject(), r.bulkId(), r.estimate());
    }
}
