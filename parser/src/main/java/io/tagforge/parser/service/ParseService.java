package io.tagforge.parser.service;

import io.tagforge.labelsystem.vocabulary.Vocabulary;
import io.tagforge.parser.caption.CaptionParser;
import io.tagforge.parser.caption.ParsedCaption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Parses a stream of captions on N threads, each with its own {@link CaptionParser} (and so its own CoreNLP
 * pipeline), and hands the results out in input order. Repeated captions are parsed once ({@link CaptionCache}).
 * <p>
 * Memory stays bounded whatever the stream's length: at most {@code threads × 64} captions are in flight and
 * the cache holds at most {@code cacheEntries} results. A caption CoreNLP fails on comes out with no mentions
 * and is counted in {@link #failures()}; the stream goes on.
 */
public final class ParseService implements AutoCloseable {

    public static final int DEFAULT_CACHE_ENTRIES = 100_000;
    private static final int IN_FLIGHT_PER_THREAD = 64;

    private final ExecutorService workers;
    private final ThreadLocal<CaptionParser> parsers;
    private final int threads;
    private final int window;
    private final CaptionCache cache;
    private final AtomicLong failures = new AtomicLong();
    private long cacheHits;

    public ParseService(Vocabulary vocabulary, int threads) {
        this(vocabulary, threads, DEFAULT_CACHE_ENTRIES);
    }

    public ParseService(Vocabulary vocabulary, int threads, int cacheEntries) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "parse-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.parsers = ThreadLocal.withInitial(() -> new CaptionParser(vocabulary));
        this.threads = threads;
        this.window = threads * IN_FLIGHT_PER_THREAD;
        this.cache = new CaptionCache(cacheEntries);
    }

    /**
     * Loads every thread's pipeline now rather than on its first caption, so that timings and progress bars
     * start with the work (the first load of CoreNLP's models takes seconds).
     */
    public void loadPipelines() {
        CountDownLatch allLoaded = new CountDownLatch(threads);
        List<Future<?>> loads = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            loads.add(workers.submit(() -> {
                parsers.get();
                allLoaded.countDown();
                // hold this thread until every other one has loaded, so that each takes exactly one task
                allLoaded.await();
                return null;
            }));
        }
        for (Future<?> load : loads) {
            await(load);
        }
    }

    /**
     * Parses every item's caption and gives each item with its result to {@code sink}, in input order, on the
     * calling thread.
     */
    public <T> void parse(Iterator<? extends T> items, Function<? super T, String> captionOf,
                          BiConsumer<? super T, ParsedCaption> sink) {
        ArrayDeque<Pending<T>> inFlight = new ArrayDeque<>();
        while (items.hasNext()) {
            T item = items.next();
            inFlight.add(new Pending<>(item, submit(captionOf.apply(item))));
            if (inFlight.size() >= window) {
                inFlight.poll().emit(sink);
            }
        }
        while (!inFlight.isEmpty()) {
            inFlight.poll().emit(sink);
        }
    }

    /** All results of a list, in its order. */
    public List<ParsedCaption> parseAll(List<String> captions) {
        List<ParsedCaption> results = new ArrayList<>(captions.size());
        parse(captions.iterator(), c -> c, (c, parsed) -> results.add(parsed));
        return results;
    }

    /** Captions answered from the cache so far. */
    public long cacheHits() {
        return cacheHits;
    }

    /** Captions CoreNLP failed on so far (each came out with no mentions). */
    public long failures() {
        return failures.get();
    }

    private Future<ParsedCaption> submit(String caption) {
        String text = CaptionCache.tidy(caption);
        if (text.isEmpty()) {
            return CompletableFuture.completedFuture(ParsedCaption.EMPTY);
        }
        String key = CaptionCache.key(text);
        Future<ParsedCaption> known = cache.get(key);
        if (known != null) {
            cacheHits++;
            return known;
        }
        Future<ParsedCaption> result = workers.submit(() -> parseOne(text));
        cache.put(key, result);
        return result;
    }

    private ParsedCaption parseOne(String text) {
        try {
            return parsers.get().parse(text);
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            return ParsedCaption.EMPTY;
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    private static <V> V await(Future<V> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parsing", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("parse failed", e.getCause());
        }
    }

    private record Pending<T>(T item, Future<ParsedCaption> result) {
        void emit(BiConsumer<? super T, ParsedCaption> sink) {
            sink.accept(item, await(result));
        }
    }
}
