package io.tagforge.curation.datasets;

import com.vaadin.flow.component.html.Span;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Background work a form started; its line says it is running, then how it ended (the job row has the progress). */
final class StartedWork {

    private final Span state;
    private Future<?> future;
    private String refused;
    private Function<Object, String> done;

    StartedWork(Span state) {
        this.state = state;
    }

    void start(Future<?> work, String running, String refusedPrefix, Function<Object, String> describeResult) {
        future = work;
        refused = refusedPrefix;
        done = describeResult;
        state.setText(running);
    }

    void say(String text) {
        state.setText(text);
    }

    /** Reports the work once it has ended; the view's refresh calls it. */
    void follow() {
        if (future == null || !future.isDone()) {
            return;
        }
        try {
            state.setText(done.apply(future.get()));
        } catch (ExecutionException e) {
            state.setText(refused + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        future = null;
    }
}
