package io.tagforge.engine.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagforge.labelsystem.error.TagforgeException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExportRequestTest {

    /** The UI creates the job row from the parameters and runs it later from them. */
    @Test
    void jobParametersGiveBackTheRequest() {
        ExportRequest request = new ExportRequest("coco", "ram-4585", ExportFormat.JSONL, Path.of("out/c.jsonl"),
                ExportPolicy.PARSED, true, Split.parse("val=0.05"));

        assertThat(ExportRequest.fromParams(request.toParams())).isEqualTo(request);
        assertThat(request.out()).isAbsolute();
    }

    @Test
    void splitTakesItsFractionAndAlwaysTheSameImages() {
        Split val = Split.parse("val=0.05");
        int held = 0;
        for (int i = 0; i < 100_000; i++) {
            held += val.holdsOut("train2017/" + String.format("%012d", i) + ".jpg") ? 1 : 0;
        }
        assertThat(held).isBetween(4_700, 5_300);
        // pinned: if these answers changed, images of an earlier validation part would move into training
        Split fifth = Split.parse("val=0.2");
        StringBuilder pattern = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            pattern.append(fifth.holdsOut("img" + i + ".jpg") ? 'V' : '.');
        }
        assertThat(pattern).hasToString("...V....V....VV.V...");
    }

    @Test
    void badSplitsNameTheProblem() {
        assertThatThrownBy(() -> Split.parse("val")).isInstanceOf(TagforgeException.class)
                .hasMessageContaining("not NAME=FRACTION");
        assertThatThrownBy(() -> Split.parse("val=five")).hasMessageContaining("\"five\" is not a number");
        assertThatThrownBy(() -> Split.parse("val=0")).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> Split.parse("../x=0.1")).hasMessageContaining("letters, digits");
    }

    @Test
    void partAndManifestFilesSitBesideTheExport() {
        Path out = Path.of("/data/coco.json");
        assertThat(ExportJob.partPath(out, "val")).isEqualTo(Path.of("/data/coco.val.json"));
        assertThat(ExportJob.manifestPath(out)).isEqualTo(Path.of("/data/coco.manifest.json"));
        assertThat(ExportJob.partPath(Path.of("/data/coco.jsonl"), "val")).isEqualTo(Path.of("/data/coco.val.jsonl"));
    }
}
