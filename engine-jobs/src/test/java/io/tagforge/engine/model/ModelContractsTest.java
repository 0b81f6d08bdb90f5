package io.tagforge.engine.model;

import static io.tagforge.engine.model.TestModels.folder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tagforge.labelsystem.error.TagforgeException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One tiny committed model per contract (make_tiny_models.py): the encoder-decoder captioner, Grounding-DINO at
 * its own aspect ratio with padded batches, the CLIP-style centre-cropping embedder; expected answers worked
 * out here from the pixels and from the models' documented rules.
 */
class ModelContractsTest {

    private static final BufferedImage RED = solid(Color.RED);
    private static final BufferedImage GREEN = solid(new Color(0, 200, 0));
    private static final BufferedImage BLUE = solid(Color.BLUE);

    @TempDir
    Path dir;

    @Test
    void encoderDecoderCaptionerSearchesWithBeamsAndDetokenizesWordPieces() throws IOException {
        try (Captioner captioner = Captioner.load(folder("captioner-encoder-decoder"), ModelDevice.CPU, 4)) {
            // beam 3: "tree ##s" (0.47 × 0.998², over 6 tokens) beats greedy's "green field" (0.53 × 0.36 × 0.998);
            // blue's chain would end right after the prompt, min_length 5 bans [SEP] there
            assertThat(captioner.caption(List.of(RED, GREEN, BLUE)))
                    .containsExactly("red car parking on the street", "trees", "sky");
            List<BufferedImage> coco = new ArrayList<>();
            for (Path file : TestModels.cocoImages(6)) {
                coco.add(ImageFiles.read(file));
            }
            List<String> captions = captioner.caption(coco);
            for (int i = 0; i < coco.size(); i++) {
                double[] m = TestModels.channelMeans(coco.get(i));
                String expected = m[0] >= m[1] && m[0] >= m[2] ? "red car parking on the street"
                        : m[1] >= m[2] ? "trees" : "sky";
                assertThat(captions.get(i)).as("COCO image %d, means %s", i, java.util.Arrays.toString(m))
                        .isEqualTo(expected);
            }
        }
        Path greedy = copy("captioner-encoder-decoder", "greedy");
        edit(greedy, "\"num_beams\": 3", "\"num_beams\": 1");
        try (Captioner captioner = Captioner.load(greedy, ModelDevice.CPU, 4)) {
            assertThat(captioner.caption(List.of(RED, GREEN, BLUE)))
                    .containsExactly("red car parking on the street", "green field", "sky");
        }
        edit(greedy, "\"min_length\": 5", "\"min_length\": 0");
        edit(greedy, "\"max_length\": 30", "\"max_length\": 7");
        try (Captioner captioner = Captioner.load(greedy, ModelDevice.CPU, 4)) {
            // [DEC] a picture of + 3 tokens at most; blue may now end at once
            assertThat(captioner.caption(List.of(RED, BLUE))).containsExactly("red car park", "");
        }
    }

    @Test
    void encoderDecoderFolderIsCheckedAtLoad() throws IOException {
        Path noTokenizer = copy("captioner-encoder-decoder", "no-tokenizer");
        Files.delete(noTokenizer.resolve("tokenizer.json"));
        assertThatThrownBy(() -> Captioner.load(noTokenizer, ModelDevice.CPU, 1)).isInstanceOf(TagforgeException.class)
                .hasMessageStartingWith(noTokenizer.resolve("tokenizer.json") + ": missing");
        Path badBos = copy("captioner-encoder-decoder", "bad-bos");
        edit(badBos, "\"bos_token_id\": 4", "\"bos_token_id\": 400");
        assertThatThrownBy(() -> Captioner.load(badBos, ModelDevice.CPU, 1)).isInstanceOf(TagforgeException.class)
                .hasMessage(badBos.resolve("model.json") + ": field bos_token_id must be a token id of tokenizer.json, was 400");
    }

    @Test
    void groundingDinoAtItsOwnAspectRatioGetsPaddedBatchesAndBoxesInTheImage() {
        // 200 × 100 → 48 × 24 (shorter side 32 would make the longer 64 > max_size 48); 100 × 100 → 32 × 32;
        // the batch is 48 × 32, the second image padded; boxes come back in each image's own coordinates
        BufferedImage halves = TestModels.halves(Color.RED, Color.BLUE);
        try (Detector detector = Detector.load(folder("grounding-dino-shorter-side"), ModelDevice.CPU, 4)) {
            Preprocessing preprocessing = new Preprocessing(detector.spec());
            PreparedImage prepared = preprocessing.prepare(halves);
            assertThat(new int[] {prepared.width(), prepared.height()}).containsExactly(48, 24);
            List<List<Detection>> batch = detector.detect(List.of(
                    new Detector.Request(halves, List.of("red", "blue", "green")),
                    new Detector.Request(solid(new Color(0, 200, 0), 100, 100), List.of("green", "red"))));
            List<Detection> first = batch.get(0);
            assertThat(first).extracting(Detection::phrase).containsExactly("red", "blue");
            // one column of 48 mixes red and blue across the middle
            assertBox(first.get(0), 0f, 0f, 0.5f, 1f, 1.5f / 48);
            assertBox(first.get(1), 0.5f, 0f, 1f, 1f, 1.5f / 48);
            assertThat(first.get(0).score()).isCloseTo(0.99f, within(1e-4f));
            assertThat(batch.get(1)).singleElement().satisfies(d -> {
                assertThat(d.phrase()).isEqualTo("green");
                assertBox(d, 0f, 0f, 1f, 1f, 1e-5f);
            });
            // alone, without padding, the same answer
            List<Detection> alone = detector.detect(List.of(new Detector.Request(halves, List.of("red", "blue")))).get(0);
            for (int i = 0; i < 2; i++) {
                assertBox(alone.get(i), first.get(i).x1(), first.get(i).y1(), first.get(i).x2(), first.get(i).y2(), 1e-5f);
            }
        }
    }

    @Test
    void clipStyleEmbedderCropsTheCentreAndPoolsTheNamedOutput() throws IOException {
        // 900 × 100 in thirds red, green, blue → 144 × 16 → the centre 16 × 16 lies inside the green third
        BufferedImage thirds = new BufferedImage(900, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = thirds.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 300, 100);
        g.setColor(Color.GREEN);
        g.fillRect(300, 0, 300, 100);
        g.setColor(Color.BLUE);
        g.fillRect(600, 0, 300, 100);
        g.dispose();
        try (Embedder embedder = Embedder.load(folder("embedder-clip"), ModelDevice.CPU, 2)) {
            // CLS: token 0, the crop's channel means
            assertThat(embedder.embed(List.of(thirds, RED)).get(0)).containsExactly(new float[] {0, 1, 0}, within(1e-4f));
        }
        Path mean = copy("embedder-clip", "mean");
        edit(mean, "\"cls\"", "\"mean\"");
        try (Embedder embedder = Embedder.load(mean, ModelDevice.CPU, 2)) {
            // tokens: the means, then quadrant k's means times k: (1 + 1 + 2 + 3 + 4) / 5 = 2.2
            assertThat(embedder.embed(List.of(thirds)).get(0)).containsExactly(new float[] {0, 2.2f, 0}, within(1e-4f));
        }
        Path pooler = copy("embedder-clip", "pooler");
        edit(pooler, "\"last_hidden_state\"", "\"pooler_output\"");
        try (Embedder embedder = Embedder.load(pooler, ModelDevice.CPU, 2)) {
            assertThat(embedder.embed(List.of(thirds)).get(0)).containsExactly(new float[] {0, 2, 0}, within(1e-4f));
        }
        Path unnamed = copy("embedder-clip", "unnamed");
        edit(unnamed, "\"last_hidden_state\"", "\"hidden\"");
        assertThatThrownBy(() -> Embedder.load(unnamed, ModelDevice.CPU, 1)).isInstanceOf(TagforgeException.class)
                .hasMessageContaining("has no output named 'hidden'");
    }

    private static void assertBox(Detection d, float x1, float y1, float x2, float y2, float tolerance) {
        assertThat(new float[] {d.x1(), d.y1(), d.x2(), d.y2()}).as(d.toString())
                .containsExactly(new float[] {x1, y1, x2, y2}, within(tolerance));
    }

    private Path copy(String model, String name) throws IOException {
        Path target = dir.resolve(name);
        Files.createDirectories(target);
        try (var files = Files.list(folder(model))) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        return target;
    }

    private static void edit(Path folder, String from, String to) throws IOException {
        Path json = folder.resolve("model.json");
        String text = Files.readString(json);
        assertThat(text).contains(from);
        Files.writeString(json, text.replace(from, to));
    }

    private static BufferedImage solid(Color colour) {
        return solid(colour, 64, 48);
    }

    private static BufferedImage solid(Color colour, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }
}
