package io.tagforge.engine.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A pool of threads that decode and prepare images (resize, normalize) for a model, so the thread that runs
 * the model only runs the model. Half the cores (at least one): the model's own threads need the rest.
 */
public final class ImageDecoding implements AutoCloseable {

    /** The outcome for one image: what {@code prepare} returned, or why it failed. */
    public record Outcome<R, T>(R row, T value, Exception error) {
    }

    /** Work that may fail for one image. */
    @FunctionalInterface
    public interface Prepare<R, T> {
        T apply(R row) throws Exception;
    }

    private final ExecutorService pool;

    public ImageDecoding(String name) {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts {@code prepare} on every row; the returned batch gives the outcomes in row order. */
    public <R, T> Pending<R, T> submit(List<R> rows, Prepare<R, T> prepare) {
        List<Future<Outcome<R, T>>> futures = new ArrayList<>();
        for (R row : rows) {
            futures.add(pool.submit(() -> {
                try {
                    return new Outcome<>(row, prepare.apply(row), null);
                } catch (Exception e) {
                    return new Outcome<R, T>(row, null, e);
                }
            }));
        }
        return new Pending<>(rows, futures);
    }

    /** A batch being prepared. */
    public record Pending<R, T>(List<R> rows, List<Future<Outcome<R, T>>> futures) {

        public List<Outcome<R, T>> await() throws InterruptedException, ExecutionException {
            List<Outcome<R, T>> outcomes = new ArrayList<>(futures.size());
            for (Future<Outcome<R, T>> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
