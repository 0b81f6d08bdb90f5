package io.tagforge.curation.datasets;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Server push for views that show running jobs: while the view is attached, its refresh runs every second
 * inside the UI's lock and the changes are pushed to the browser (@Push on the app shell).
 */
@org.springframework.stereotype.Component
public class LiveRefresh {

    private final ScheduledExecutorService ticker;

    LiveRefresh(ScheduledExecutorService pushTicker) {
        this.ticker = pushTicker;
    }

    public void whileAttached(Component view, Runnable refresh) {
        view.addAttachListener(attach -> {
            UI ui = attach.getUI();
            ScheduledFuture<?> task = ticker.scheduleWithFixedDelay(
                    () -> ui.access(refresh::run), 1, 1, TimeUnit.SECONDS);
            view.addDetachListener(detach -> {
                task.cancel(false);
                detach.unregisterListener();
            });
        });
    }
}
