package io.tagforge.engine.pipeline;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Database writes on a thread of their own, in order, one at a time: a batch's results are written while
 * the model works on the next one. {@link #submit} waits for the write before, so no more than one batch of
 * results waits in memory, and a failed write stops the job at the next batch.
 */
public final class BackgroundWriter implements AutoCloseable {

    /** A write that may fail. */
    @FunctionalInterface
    public interface Write {
        void run() throws Exception;
    }

    private final ExecutorService thread;
    private Future<?> pending;

    public BackgroundWriter(String name) {
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    public void submit(Write write) throws Exception {
        finish();
        pending = thread.submit(() -> {
            write.run();
            return null;
        });
    }

    /** Waits for the last write; rethrows its failure. */
    public void finish() throws Exception {
        if (pending == null) {
            return;
        }
        Future<?> last = pending;
        pending = null;
        try {
            last.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
