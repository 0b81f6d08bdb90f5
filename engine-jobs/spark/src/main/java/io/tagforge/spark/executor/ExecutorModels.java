package io.tagforge.spark.executor;

import io.tagforge.engine.model.Captioner;
import io.tagforge.engine.model.Detector;
import io.tagforge.engine.model.Embedder;
import io.tagforge.engine.model.ModelDevice;
import io.tagforge.engine.model.ModelTask;
import io.tagforge.engine.model.Tagger;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models of this executor JVM: each loaded once, at the first task that asks for it, with the engine's own
 * {@code load} factory, and kept for the JVM's life, so later tasks (and a retried task) reuse it. Keyed by the
 * model folder, device and batch size: tasks given different GPUs get a model each, tasks on one device share one
 * (a model runs one batch at a time, {@code ModelRunner.predict} being synchronized). A load that fails is not
 * kept: the next task tries again.
 */
public final class ExecutorModels {

    private record Key(ModelTask task, Path folder, ModelDevice device, int batchSize) {
    }

    @FunctionalInterface
    private interface Load<M> {
        M load(Path folder, ModelDevice device, int batchSize);
    }

    private static final Map<Key, AutoCloseable> LOADED = new ConcurrentHashMap<>();

    private ExecutorModels() {
    }

    public static Tagger tagger(Path folder, ModelDevice device, int batchSize) {
        return shared(ModelTask.TAGGER, folder, device, batchSize, Tagger::load);
    }

    public static Captioner captioner(Path folder, ModelDevice device, int batchSize) {
        return shared(ModelTask.CAPTIONER, folder, device, batchSize, Captioner::load);
    }

    public static Detector detector(Path folder, ModelDevice device, int batchSize) {
        return shared(ModelTask.DETECTOR, folder, device, batchSize, Detector::load);
    }

    public static Embedder embedder(Path folder, ModelDevice device, int batchSize) {
        return shared(ModelTask.EMBEDDER, folder, device, batchSize, Embedder::load);
    }

    /** the key's task fixes the model's class, so the cast holds */
    @SuppressWarnings("unchecked")
    private static <M extends AutoCloseable> M shared(ModelTask task, Path folder, ModelDevice device, int batchSize,
            Load<M> load) {
        Path normalized = folder.toAbsolutePath().normalize();
        return (M) LOADED.computeIfAbsent(new Key(task, normalized, device, batchSize),
                key -> load.load(key.folder(), key.device(), key.batchSize()));
    }
}
