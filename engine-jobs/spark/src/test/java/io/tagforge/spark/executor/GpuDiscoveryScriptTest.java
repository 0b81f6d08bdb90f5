package io.tagforge.spark.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagforge.engine.model.ModelDevice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** src/main/scripts/getGpusResources.sh, with a stand-in nvidia-smi, as Spark reads its output. */
class GpuDiscoveryScriptTest {

    private static final Path SCRIPT = Path.of("src/main/scripts/getGpusResources.sh").toAbsolutePath();

    @TempDir
    Path bin;

    @Test
    void reportsNvidiaSmisIndexesAsSparksGpuResource() throws Exception {
        ResourceInformation gpus = ResourceInformation.parseJson(run("0\n1\n2\n", null));
        assertThat(gpus.name()).isEqualTo(TaskDevices.GPU);
        assertThat(gpus.addresses()).containsExactly("0", "1", "2");
        assertThat(TaskDevices.of(Map.of("gpu", gpus))).isEqualTo(ModelDevice.parse("gpu:0"));
    }

    @Test
    void withCudaVisibleDevicesReportsCudasRenumberedIndexes() throws Exception {
        assertThat(ResourceInformation.parseJson(run("0\n1\n2\n3\n", "2,3")).addresses()).containsExactly("0", "1");
    }

    @Test
    void aMachineWithoutGpusReportsNoAddresses() throws Exception {
        ResourceInformation gpus = ResourceInformation.parseJson(run("", null));
        assertThat(gpus.addresses()).isEmpty();
        assertThat(TaskDevices.of(Map.of("gpu", gpus))).isEqualTo(ModelDevice.CPU);
    }

    private String run(String nvidiaSmiOutput, String cudaVisibleDevices) throws IOException, InterruptedException {
        Path nvidiaSmi = bin.resolve("nvidia-smi");
        Files.writeString(nvidiaSmi, "#!/bin/sh\nprintf '" + nvidiaSmiOutput.replace("\n", "\\n") + "'\n");
        Files.setPosixFilePermissions(nvidiaSmi, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder process = new ProcessBuilder("bash", SCRIPT.toString());
        process.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        process.environment().remove("CUDA_VISIBLE_DEVICES");
        if (cudaVisibleDevices != null) {
            process.environment().put("CUDA_VISIBLE_DEVICES", cudaVisibleDevices);
        }
        Process p = process.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out.strip();
    }
}
