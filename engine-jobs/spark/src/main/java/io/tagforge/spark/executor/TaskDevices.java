package io.tagforge.spark.executor;

import io.tagforge.engine.model.ModelDevice;
import io.tagforge.labelsystem.error.TagforgeException;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

/**
 * The device a Spark task runs its models on: the GPU Spark's resource scheduling gave the task
 * ({@code spark.executor.resource.gpu.amount}, {@code spark.task.resource.gpu.amount} and a discovery script),
 * else the CPU. Never {@link ModelDevice#AUTO}: on a machine with GPUs every task would take GPU 0.
 */
public final class TaskDevices {

    /** Spark's name for the GPU resource (the {@code gpu} of {@code spark.task.resource.gpu.amount}). */
    public static final String GPU = "gpu";

    private TaskDevices() {
    }

    /** The running task's device, from {@link TaskContext#resourcesJMap()}; call it inside a task. */
    public static ModelDevice current() {
        TaskContext task = TaskContext.get();
        if (task == null) {
            throw new IllegalStateException("not in a Spark task: no TaskContext");
        }
        return of(task.resourcesJMap());
    }

    /**
     * The device for a task's resources: {@code gpu:N} for the first GPU address Spark assigned (addresses are the
     * device indexes the discovery script reported; a task given several runs its model on the first), the CPU
     * when the task has no GPU.
     */
    public static ModelDevice of(Map<String, ResourceInformation> resources) {
        ResourceInformation gpus = resources.get(GPU);
        if (gpus == null || gpus.addresses().length == 0) {
            return ModelDevice.CPU;
        }
        String address = gpus.addresses()[0].strip();
        if (!address.matches("\\d{1,3}")) {
            throw new TagforgeException("Spark gave the task GPU address '" + address + "', not a device index: the "
                    + "GPU discovery script must report indexes (0, 1, ...) as nvidia-smi's index column gives them");
        }
        return ModelDevice.parse("gpu:" + Integer.parseInt(address));
    }
}
