package io.tagforge.engine.model;

import static io.tagforge.engine.model.TestModels.channelMeans;
import static io.tagforge.engine.model.TestModels.folder;
import static io.tagforge.engine.model.TestModels.sigmoid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tagforge.labelsystem.error.TagforgeException;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every task through DJL on the tiny models, on COCO-MINI images and on images whose answer is known. */
class ModelRuntimeTest {

    private static final int IMAGES = 12;
    private static List<BufferedImage> coco;
    private static Tagger tagger;
    private static Captioner captioner;
    private static Detector detector;
    private static Embedder embedder;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws IOException {
        coco = new ArrayList<>();
        for (Path file : TestModels.cocoImages(IMAGES)) {
            coco.add(ImageFiles.read(file));
        }
        tagger = Tagger.load(folder("tagger"), ModelDevice.CPU, 5);
        captioner = Captioner.load(folder("captioner"), ModelDevice.CPU, 5);
        detector = Detector.load(folder("detector"), ModelDevice.CPU, 5);
        embedder = Embedder.load(folder("embedder"), ModelDevice.CPU, 5);
    }

    @AfterAll
    static void close() {
        for (AutoCloseable model : new AutoCloseable[] {tagger, captioner, detector, embedder}) {
            try {
                model.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void runsOnTheCpuWithoutAGpuWhateverIsAsked() {
        assertThat(ModelDevice.AUTO.resolve("PyTorch", "tagger").isGpu()).isFalse();
        assertThat(ModelDevice.AUTO.resolve("OnnxRuntime", "embedder").isGpu()).isFalse();
        assertThat(ModelDevice.parse("gpu:1").gpu()).isEqualTo(1);
        assertThatThrownBy(() -> ModelDevice.parse("gpu:1").resolve("PyTorch", "tagger"))
                .isInstanceOf(TagforgeException.class).hasMessage("device gpu:1: PyTorch sees 0 GPUs");
        assertThatThrownBy(() -> ModelDevice.parse("cuda")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("device must be cpu, gpu, gpu:N or auto, was 'cuda'");
    }

    @Test
    void taggerProbabilitiesFollowTheColoursOfCocoImagesInBatches() {
        List<float[]> batched = tagger.predict(coco);
        assertThat(batched).hasSize(IMAGES);
        for (int i = 0; i < IMAGES; i++) {
            double[] m = channelMeans(coco.get(i));
            float[] p = batched.get(i);
            assertThat(p).hasSize(6);
            for (int c = 0; c < 3; c++) {
                assertThat((double) p[c]).as("image %d channel %d", i, c).isCloseTo(sigmoid(12 * (m[c] - 0.45)), within(0.06));
            }
            assertThat((double) p[3]).isCloseTo(sigmoid(12 * (m[3] - 0.55)), within(0.06));
            assertThat((double) p[4]).isCloseTo(sigmoid(12 * (0.35 - m[3])), within(0.06));
            // one at a time gives what the batch of 5 gave
            assertThat(tagger.predict(List.of(coco.get(i))).get(0)).containsExactly(p, org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void captionerNamesTheDominantColour() {
        List<String> captions = captioner.caption(List.of(
                TestModels.halves(Color.RED, new Color(200, 0, 0)),
                TestModels.halves(new Color(0, 180, 0), Color.GREEN),
                TestModels.halves(Color.BLUE, Color.BLUE)));
        assertThat(captions).containsExactly("a red car on the street", "a green field with a tree",
                "a blue sky over the water");
        List<String> onCoco = captioner.caption(coco);
        for (int i = 0; i < IMAGES; i++) {
            double[] m = channelMeans(coco.get(i));
            double top = Math.max(m[0], Math.max(m[1], m[2]));
            double second = m[0] + m[1] + m[2] - top - Math.min(m[0], Math.min(m[1], m[2]));
            if (top - second > 0.02) {
                String colour = top == m[0] ? "red" : top == m[1] ? "green" : "blue";
                assertThat(onCoco.get(i)).as("image %d", i).contains(colour);
            }
        }
    }

    @Test
    void detectorFindsEachColouredHalfAndNotTheAbsentColour() {
        List<List<Detection>> found = detector.detect(List.of(
                new Detector.Request(TestModels.halves(Color.RED, Color.BLUE), List.of("red", "green", "blue")),
                new Detector.Request(TestModels.halves(Color.GREEN, Color.GREEN), List.of("green"))));
        assertThat(found.get(0)).extracting(Detection::phrase).containsExactly("red", "blue");
        Detection red = found.get(0).get(0);
        assertThat(new float[] {red.x1(), red.y1(), red.x2(), red.y2(), red.score()})
                .containsExactly(new float[] {0f, 0f, 0.5f, 1f, 1f}, org.assertj.core.data.Offset.offset(0.02f));
        Detection blue = found.get(0).get(1);
        assertThat(blue.x1()).isCloseTo(0.5f, within(0.02f));
        assertThat(blue.x2()).isCloseTo(1f, within(0.02f));
        // green fills both halves: two boxes, one per half
        assertThat(found.get(1)).hasSize(2).allSatisfy(d -> assertThat(d.score()).isEqualTo(1f));
        assertThat(detector.knows("Red")).isTrue();
        assertThat(detector.knows("dog")).isFalse();
    }

    @Test
    void detectorBoxesOnCocoAreValidAndAboveTheBoxThreshold() {
        List<Detector.Request> requests = coco.stream()
                .map(image -> new Detector.Request(image, List.of("red", "green", "blue", "bright", "dark"))).toList();
        List<List<Detection>> found = detector.detect(requests);
        int total = 0;
        for (List<Detection> image : found) {
            for (Detection d : image) {
                total++;
                assertThat(d.score()).isBetween(0.35f, 1f);
                assertThat(d.x1()).isLessThanOrEqualTo(d.x2());
                assertThat(d.y1()).isLessThanOrEqualTo(d.y2());
                assertThat(d.x2()).isLessThanOrEqualTo(1f);
            }
        }
        assertThat(total).as("COCO images have dark and bright regions").isGreaterThan(IMAGES);
    }

    @Test
    void embedderFeaturesAreColourStatisticsAndOnnxAgreesWithTorchScript() {
        List<float[]> features = embedder.embed(coco);
        try (Embedder onnx = Embedder.load(folder("embedder-onnx"), ModelDevice.CPU, 4)) {
            List<float[]> fromOnnx = onnx.embed(coco);
            for (int i = 0; i < IMAGES; i++) {
                double[] m = channelMeans(coco.get(i));
                float[] f = features.get(i);
                assertThat(f).hasSize(8);
                for (int c = 0; c < 3; c++) {
                    assertThat((double) f[c]).isCloseTo(m[c], within(0.02));
                }
                assertThat((double) f[6]).isCloseTo(m[3], within(0.02));
                assertThat(fromOnnx.get(i)).containsExactly(f, org.assertj.core.data.Offset.offset(1e-4f));
            }
        }
    }

    @Test
    void missingCorruptAndMisdescribedModelsFailAtLoadSayingWhatWasExpected() throws IOException {
        assertThatThrownBy(() -> Tagger.load(dir.resolve("nowhere"), ModelDevice.CPU, 1)).isInstanceOf(TagforgeException.class)
                .hasMessageContaining("nowhere: not a model folder (expected model.json beside the weights)");

        Path noWeights = copyJson("tagger", "no-weights");
        assertThatThrownBy(() -> Tagger.load(noWeights, ModelDevice.CPU, 1))
                .hasMessage(noWeights.resolve("model.pt") + ": missing (model.json says engine PyTorch, which loads model.pt)");

        Path corrupt = copyJson("tagger", "corrupt");
        Files.write(corrupt.resolve("model.pt"), new byte[] {'P', 'K', 3, 4, 0, 1, 2, 3});
        assertThatThrownBy(() -> Tagger.load(corrupt, ModelDevice.CPU, 1))
                .hasMessageStartingWith(corrupt.resolve("model.pt") + ": cannot load as PyTorch model: ");

        Path sevenTags = copyJson("tagger", "seven");
        Files.copy(folder("tagger").resolve("model.pt"), sevenTags.resolve("model.pt"));
        Files.writeString(sevenTags.resolve("model.json"), Files.readString(sevenTags.resolve("model.json"))
                .replace("\"probabilities\": 6", "\"probabilities\": 7"));
        assertThatThrownBy(() -> Tagger.load(sevenTags, ModelDevice.CPU, 1))
                .hasMessage(sevenTags.resolve("model.pt") + ": output probabilities has shape (1, 6), model.json promises (any, 7)");

        assertThatThrownBy(() -> Tagger.load(folder("embedder"), ModelDevice.CPU, 1))
                .hasMessage(folder("embedder").resolve("model.json") + ": field task is embedder, expected tagger");

        Path badJson = dir.resolve("bad-json");
        Files.createDirectories(badJson);
        Files.writeString(badJson.resolve("model.json"), "{\"task\": \"tagger\", \"engine\": \"PyTorch\", \"input_size\": [32]}");
        assertThatThrownBy(() -> Tagger.load(badJson, ModelDevice.CPU, 1))
                .hasMessage(badJson.resolve("model.json") + ": field input_size must be [height, width] in pixels, was [32]");
    }

    @Test
    void truncatedAndNonImageFilesAreRefusedNamingTheFile() throws IOException {
        Path source = TestModels.cocoImages(1).get(0);
        byte[] bytes = Files.readAllBytes(source);
        Path truncated = dir.resolve("truncated.jpg");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> ImageFiles.read(truncated)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(truncated + ": ");
        Path text = dir.resolve("notes.jpg");
        Files.writeString(text, "not a picture");
        assertThatThrownBy(() -> ImageFiles.read(text))
                .hasMessage(text + ": not an image format Java can decode");
    }

    private Path copyJson(String model, String name) throws IOException {
        Path target = dir.resolve(name);
        Files.createDirectories(target);
        Files.copy(folder(model).resolve("model.json"), target.resolve("model.json"));
        return target;
    }
}
