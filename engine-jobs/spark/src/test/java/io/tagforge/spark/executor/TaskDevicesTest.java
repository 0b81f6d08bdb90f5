package io.tagforge.spark.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagforge.engine.model.ModelDevice;
import io.tagforge.labelsystem.error.TagforgeException;
import java.util.Map;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;

class TaskDevicesTest {

    private static ResourceInformation gpus(String... addresses) {
        return new ResourceInformation("gpu", addresses);
    }

    @Test
    void aTaskGivenAGpuRunsOnThatGpuIndex() {
        assertThat(TaskDevices.of(Map.of("gpu", gpus("3")))).isEqualTo(new ModelDevice("gpu:3", 3));
        assertThat(TaskDevices.of(Map.of("gpu", gpus("0")))).isEqualTo(new ModelDevice("gpu:0", 0));
        assertThat(TaskDevices.of(Map.of("gpu", gpus(" 12 ")))).isEqualTo(new ModelDevice("gpu:12", 12));
    }

    @Test
    void twoTasksGivenDifferentGpusGetDifferentDevices() {
        ModelDevice first = TaskDevices.of(Map.of("gpu", gpus("1")));
        ModelDevice second = TaskDevices.of(Map.of("gpu", gpus("2")));
        assertThat(first.gpu()).isEqualTo(1);
        assertThat(second.gpu()).isEqualTo(2);
    }

    @Test
    void aTaskGivenSeveralGpusRunsItsModelOnTheFirstSparkListed() {
        assertThat(TaskDevices.of(Map.of("gpu", gpus("5", "4")))).isEqualTo(new ModelDevice("gpu:5", 5));
    }

    @Test
    void withoutAGpuResourceTheTaskRunsOnTheCpuNotOnGpuZero() {
        assertThat(TaskDevices.of(Map.of())).isEqualTo(ModelDevice.CPU);
        assertThat(TaskDevices.of(Map.of("gpu", gpus()))).isEqualTo(ModelDevice.CPU);
        assertThat(TaskDevices.of(Map.of("fpga", new ResourceInformation("fpga", new String[] {"0"}))))
                .isEqualTo(ModelDevice.CPU);
    }

    @Test
    void aGpuAddressThatIsNoIndexIsRefused() {
        assertThatThrownBy(() -> TaskDevices.of(Map.of("gpu", gpus("GPU-8d2e1f4a"))))
                .isInstanceOf(TagforgeException.class)
                .hasMessageStartingWith("Spark gave the task GPU address 'GPU-8d2e1f4a', not a device index");
    }

    @Test
    void outsideATaskThereIsNoDevice() {
        assertThatThrownBy(TaskDevices::current).isInstanceOf(IllegalStateException.class)
                .hasMessage("not in a Spark task: no TaskContext");
    }
}
