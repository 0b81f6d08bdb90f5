package io.tagforge.curation.errors;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import io.tagforge.labelsystem.error.ConflictException;
import io.tagforge.labelsystem.error.TagforgeException;
import java.util.function.Supplier;

/**
 * Where a view shows what the user has to fix: a {@link TagforgeException} becomes a notification (a conflict a
 * warning: reload and retry; anything else an error), so every view words and shows refusals alike. Other
 * exceptions are bugs and go on to Vaadin's error handler.
 */
public final class UserErrors {

    private static final int SHOWN_MILLIS = 5000;

    private UserErrors() {
    }

    /** Runs the action; true when it succeeded, false when it was refused (and the refusal shown). */
    public static boolean run(Runnable action) {
        return call(() -> {
            action.run();
            return Boolean.TRUE;
        }) != null;
    }

    /** The action's result, or null when it was refused (and the refusal shown). */
    public static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (TagforgeException e) {
            show(e);
            return null;
        }
    }

    public static void show(TagforgeException e) {
        Notification.show(e.getMessage(), SHOWN_MILLIS, Notification.Position.MIDDLE).addThemeVariants(
                e instanceof ConflictException ? NotificationVariant.LUMO_WARNING : NotificationVariant.LUMO_ERROR);
    }
}
