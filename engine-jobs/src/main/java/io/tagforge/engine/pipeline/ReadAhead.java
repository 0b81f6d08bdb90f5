package io.tagforge.engine.pipeline;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Batches produced on a thread of their own, ahead of the thread that takes them, through a bounded queue:
 * while a model runs on one batch, the next ones are read from the database and their images decoded (by
 * {@link ImageDecoding}'s pool). {@link #take} returns null after the last batch and rethrows what the
 * source threw.
 */
public final class ReadAhead<T> implements AutoCloseable {

    /** The next batch, or null when there are no more. */
    @FunctionalInterface
    public interface Source<T> {
        T next() throws Exception;
    }

    private record Item<T>(T value, Exception error) {
    }

    private final BlockingQueue<Item<T>> queue;
    private final Thread thread;

    public ReadAhead(String name, int depth, Source<T> source) {
        this.queue = new ArrayBlockingQueue<>(depth);
        this.thread = new Thread(() -> {
            try {
                T next;
                do {
                    next = source.next();
                    queue.put(new Item<>(next, null));
                } while (next != null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                queue.offer(new Item<>(null, e));
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    public T take() throws Exception {
        Item<T> item = queue.take();
        if (item.error() != null) {
            throw item.error();
        }
        return item.value();
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
