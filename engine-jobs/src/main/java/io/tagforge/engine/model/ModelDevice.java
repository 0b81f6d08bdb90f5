package io.tagforge.engine.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import io.tagforge.labelsystem.error.TagforgeException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where models run: {@code cpu}, {@code gpu} (GPU 0), {@code gpu:N}, or {@link #AUTO} (the GPU when the engine
 * can use one, else the CPU). An engine can use a GPU when CUDA sees one and, for ONNX Runtime, when the
 * build on the classpath has the CUDA provider: the default build is CPU-only ({@code -Pgpu} ships
 * {@code onnxruntime_gpu}), so an ONNX model then runs on the CPU, said once per JVM, instead of failing.
 */
public record ModelDevice(String name, int gpu) {

    public static final ModelDevice AUTO = new ModelDevice("auto", -1);
    public static final ModelDevice CPU = new ModelDevice("cpu", -1);

    private static final Logger LOG = LoggerFactory.getLogger(ModelDevice.class);
    private static final Pattern GPU = Pattern.compile("gpu(?::(\\d{1,3}))?");
    private static final AtomicBoolean ONNX_CPU_SAID = new AtomicBoolean();

    /** {@code cpu}, {@code gpu}, {@code gpu:N} or {@code auto}. */
    public static ModelDevice parse(String text) {
        if (text.equals("cpu")) {
            return CPU;
        }
        if (text.equals("auto")) {
            return AUTO;
        }
        Matcher m = GPU.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("device must be cpu, gpu, gpu:N or auto, was '" + text + "'");
        }
        return new ModelDevice(text, m.group(1) == null ? 0 : Integer.parseInt(m.group(1)));
    }

    /** The DJL device for a model of {@code engine} ({@code PyTorch} or {@code OnnxRuntime}). */
    Device resolve(String engine, String model) {
        if (this.equals(CPU)) {
            return Device.cpu();
        }
        int gpus = Engine.getEngine(engine).getGpuCount();
        if (gpus > 0 && engine.equals("OnnxRuntime") && !onnxHasCuda()) {
            if (ONNX_CPU_SAID.compareAndSet(false, true)) {
                LOG.warn("ONNX Runtime on the classpath is the CPU build: ONNX models ({}) run on the CPU; "
                        + "build with -Pgpu for onnxruntime_gpu", model);
            }
            return Device.cpu();
        }
        if (this.equals(AUTO)) {
            return gpus > 0 ? Device.gpu() : Device.cpu();
        }
        if (gpu >= gpus) {
            throw new TagforgeException("device " + name + ": " + engine + " sees " + gpus + " GPU"
                    + (gpus == 1 ? "" : "s") + (gpus == 0 ? "" : " (gpu:0 to gpu:" + (gpus - 1) + ")"));
        }
        return Device.gpu(gpu);
    }

    private static boolean onnxHasCuda() {
        try {
            return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
