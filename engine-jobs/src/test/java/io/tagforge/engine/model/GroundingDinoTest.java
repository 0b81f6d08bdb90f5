package io.tagforge.engine.model;

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
import java.util.Collections;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tiny Grounding-DINO ONNX model (make_tiny_models.py) through the Detector contract: for each half of the
 * image and each of red, green, blue, one query boxing that colour's pixels; words light up by colour (red 1,
 * fire 0.95, hy ##drant 0.5, car 0.7; green 1, tree 0.9, field 0.8; blue 1, sky 0.95, water 0.8; others 0).
 */
class GroundingDinoTest {

    private static final List<String> COLOURS = List.of("red", "green", "blue");
    private static Detector detector;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        detector = Detector.load(TestModels.folder("grounding-dino"), ModelDevice.CPU, 4);
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    private static List<Detection> detect(BufferedImage image, String... phrases) {
        return detector.detect(List.of(new Detector.Request(image, List.of(phrases)))).get(0);
    }

    @Test
    void eachColouredHalfIsFoundAsThePhraseItsTokensLightUpMostWithTheHalfAsBox() {
        BufferedImage redBlue = TestModels.halves(Color.RED, Color.BLUE);
        List<Detection> found = detect(redBlue, "dog", "Sky", "fire hydrant", "red", "green");
        // the red query lights red (0.99) over fire hydrant (0.94): one query answers one phrase
        assertThat(found).extracting(Detection::phrase).containsExactly("Sky", "red");
        assertDetection(found.get(0), 0.5f, 0f, 1f, 1f, 0.99f * 0.95f);
        assertDetection(found.get(1), 0f, 0f, 0.5f, 1f, 0.99f);

        assertThat(detect(redBlue, "fire hydrant", "water")).extracting(Detection::phrase, Detection::score)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("fire hydrant", 0.99f * 0.95f),
                        org.assertj.core.groups.Tuple.tuple("water", 0.99f * 0.8f));
        assertThat(detect(redBlue, "car")).singleElement().satisfies(d -> assertDetection(d, 0f, 0f, 0.5f, 1f, 0.99f * 0.7f));
        assertThat(detect(redBlue, "dog", "couch", "street")).isEmpty();
        // green fills both halves: one box each, and the blue query has no pixel, so a box of no area, dropped
        assertThat(detect(TestModels.halves(Color.GREEN, Color.GREEN), "tree", "blue"))
                .extracting(Detection::phrase, Detection::x1).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("tree", 0f), org.assertj.core.groups.Tuple.tuple("tree", 0.5f));
    }

    @Test
    void promptsOfDifferentLengthsInOneBatchAnswerAsEachAlone() {
        BufferedImage redGreen = TestModels.halves(Color.RED, Color.GREEN);
        List<Detector.Request> requests = List.of(
                new Detector.Request(redGreen, List.of("car")),
                new Detector.Request(redGreen, List.of("dog", "couch", "fire hydrant", "field", "street", "tree")),
                new Detector.Request(redGreen, List.of()),
                new Detector.Request(TestModels.halves(Color.BLUE, Color.BLUE), List.of("water")));
        List<List<Detection>> batched = detector.detect(requests);
        for (int i = 0; i < requests.size(); i++) {
            assertThat(batched.get(i)).isEqualTo(detector.detect(List.of(requests.get(i))).get(0));
        }
        assertThat(batched.get(1)).extracting(Detection::phrase).containsExactly("fire hydrant", "tree");
        assertThat(batched.get(2)).isEmpty();
        assertThat(batched.get(3)).hasSize(2);
    }

    @Test
    void candidatesBeyondOnePromptAreRunAsSeveralPromptsAndMerged() {
        List<String> words = List.of("dog", "couch", "street", "dogs", "streets");   // words that light nothing
        List<String> phrases = new ArrayList<>();
        for (String a : words) {
            for (String b : words) {
                for (String c : words.subList(0, 3)) {
                    phrases.add(a + " " + b + " " + c);
                }
            }
        }
        phrases.add(50, "red");
        phrases.add("blue");
        try (PhraseTokenizer tokenizer = PhraseTokenizer.load(TestModels.folder("grounding-dino").resolve("tokenizer.json"))) {
            assertThat(GroundingPrompt.pack(phrases, tokenizer, 256)).hasSize(2)
                    .extracting(p -> p.phrases().contains("red") + " " + p.phrases().contains("blue"))
                    .containsExactly("true false", "false true");
        }
        List<Detection> found = detect(TestModels.halves(Color.RED, Color.BLUE), phrases.toArray(String[]::new));
        assertThat(found).extracting(Detection::phrase).containsExactly("red", "blue");
        assertDetection(found.get(1), 0.5f, 0f, 1f, 1f, 0.99f);

        String tooLong = String.join(" ", Collections.nCopies(254, "red"));
        assertThat(detector.knows(tooLong)).isFalse();
        assertThat(detector.knows(tooLong.substring(4))).isTrue();
        assertThat(detector.knows("Red")).isTrue();
        assertThat(detector.knows("unicorn")).isFalse();
        assertThat(detector.knows("dark red")).isTrue();
    }

    /** COCO-MINI images: what the model must find, computed here from the same 32×32 input. */
    @Test
    void regionsOnCocoImagesAreTheColouredPixelsOfEachHalf() throws IOException {
        int detections = 0;
        for (Path file : TestModels.cocoImages(12)) {
            BufferedImage image = ImageFiles.read(file);
            List<Detection> expected = expectedColourRegions(image);
            List<Detection> found = detect(image, "blue", "dog", "red", "green");
            assertThat(found).as(file.getFileName().toString()).hasSameSizeAs(expected);
            for (int i = 0; i < found.size(); i++) {
                Detection d = found.get(i);
                Detection e = expected.get(i);
                assertThat(d.phrase()).isEqualTo(e.phrase());
                assertThat(new float[] {d.x1(), d.y1(), d.x2(), d.y2(), d.score()})
                        .containsExactly(new float[] {e.x1(), e.y1(), e.x2(), e.y2(), e.score()}, Offset.offset(1e-4f));
            }
            detections += found.size();
        }
        assertThat(detections).as("COCO images have regions of each colour").isGreaterThan(6);
    }

    @Test
    void anExportThatAlsoTakesAPixelMaskGetsOneOfOnes() {
        List<Detector.Request> requests = new ArrayList<>();
        for (Path file : TestModels.cocoImages(4)) {
            requests.add(new Detector.Request(readUnchecked(file), List.of("red", "tree", "sky")));
        }
        requests.add(new Detector.Request(TestModels.halves(Color.RED, Color.BLUE), List.of("red", "sky")));
        try (Detector masked = Detector.load(TestModels.folder("grounding-dino-pixel-mask"), ModelDevice.CPU, 2)) {
            List<List<Detection>> found = masked.detect(requests);
            assertThat(found).isEqualTo(detector.detect(requests));
            assertThat(found.get(4)).hasSize(2);
        }
    }

    @Test
    void aFolderThatBreaksTheLayoutFailsAtLoadSayingWhatWasExpected() throws IOException {
        Path folder = TestModels.folder("grounding-dino");
        Path noTokenizer = copy(folder, "no-tokenizer", "model.json", "model.onnx");
        assertThatThrownBy(() -> Detector.load(noTokenizer, ModelDevice.CPU, 1)).isInstanceOf(TagforgeException.class)
                .hasMessage(noTokenizer.resolve("tokenizer.json") + ": missing (layout grounding-dino tokenizes its "
                        + "prompts with the tokenizer.json that comes with the export)");

        Path badOutputs = TestModels.folder("grounding-dino-bad");
        assertThatThrownBy(() -> Detector.load(badOutputs, ModelDevice.CPU, 1)).isInstanceOf(TagforgeException.class)
                .hasMessage(badOutputs.resolve("model.onnx") + ": returns outputs [logits, boxes], layout "
                        + "grounding-dino expects logits and pred_boxes");

        Path sevenQueries = copy(folder, "seven", "model.json", "model.onnx", "tokenizer.json");
        replace(sevenQueries.resolve("model.json"), "\"queries\": 6", "\"queries\": 7");
        assertThatThrownBy(() -> Detector.load(sevenQueries, ModelDevice.CPU, 1))
                .hasMessage(sevenQueries.resolve("model.onnx") + ": output logits has shape (1, 6, 256), model.json "
                        + "promises (1, 7, 256)");

        Path embedderWeights = copy(folder, "embedder-weights", "model.json", "tokenizer.json");
        Files.copy(TestModels.folder("embedder-onnx").resolve("model.onnx"), embedderWeights.resolve("model.onnx"));
        assertThatThrownBy(() -> Detector.load(embedderWeights, ModelDevice.CPU, 1))
                .hasMessage(embedderWeights.resolve("model.onnx") + ": takes inputs [pixel_values], layout "
                        + "grounding-dino expects pixel_values, input_ids, attention_mask, token_type_ids (and "
                        + "optionally pixel_mask)");

        Path badTokenizer = copy(folder, "bad-tokenizer", "model.json", "model.onnx");
        Files.writeString(badTokenizer.resolve("tokenizer.json"), "{\"model\": {\"type\": \"WordPiece\"");
        assertThatThrownBy(() -> Detector.load(badTokenizer, ModelDevice.CPU, 1))
                .hasMessageStartingWith(badTokenizer.resolve("tokenizer.json") + ": cannot read as a HuggingFace tokenizer.json: ");

        Path torch = copy(folder, "torch", "model.json", "tokenizer.json");
        replace(torch.resolve("model.json"), "\"OnnxRuntime\"", "\"PyTorch\"");
        assertThatThrownBy(() -> Detector.load(torch, ModelDevice.CPU, 1)).hasMessage(torch.resolve("model.json")
                + ": layout grounding-dino needs engine OnnxRuntime (Grounding-DINO cannot be TorchScripted), was PyTorch");

        Path unknownLayout = copy(folder, "unknown-layout", "model.json");
        replace(unknownLayout.resolve("model.json"), "\"grounding-dino\"", "\"owl-vit\"");
        assertThatThrownBy(() -> Detector.load(unknownLayout, ModelDevice.CPU, 1)).hasMessage(unknownLayout.resolve("model.json")
                + ": field layout is 'owl-vit', expected categories or grounding-dino");
    }

    /** The model's answer from the pixels it is given: per half, red, green, blue dominant by 0.05. */
    private static List<Detection> expectedColourRegions(BufferedImage image) {
        ModelSpec spec = detector.spec();
        int size = spec.width();
        float[] x = new Preprocessing(spec).prepare(image).pixels();
        int plane = size * size;
        List<List<Detection>> byColour = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int half = 0; half < 2; half++) {
            for (int c = 0; c < 3; c++) {
                int count = 0;
                int minX = size, minY = size, maxX = -1, maxY = -1;
                for (int y = 0; y < size; y++) {
                    for (int col = half * size / 2; col < (half + 1) * size / 2; col++) {
                        float[] rgb = new float[3];
                        for (int k = 0; k < 3; k++) {
                            rgb[k] = x[k * plane + y * size + col] * spec.std()[k] + spec.mean()[k];
                        }
                        if (rgb[c] > rgb[(c + 1) % 3] + 0.05f && rgb[c] > rgb[(c + 2) % 3] + 0.05f) {
                            count++;
                            minX = Math.min(minX, col);
                            maxX = Math.max(maxX, col);
                            minY = Math.min(minY, y);
                            maxY = Math.max(maxY, y);
                        }
                    }
                }
                float p = 0.99f * Math.min(1f, 4f * count / (plane / 2f));
                if (p > 0.35f) {
                    byColour.get(c).add(new Detection(COLOURS.get(c), (float) minX / size, (float) minY / size,
                            (maxX + 1f) / size, (maxY + 1f) / size, p));
                }
            }
        }
        List<Detection> expected = new ArrayList<>();
        for (int c : new int[] {2, 0, 1}) {   // the order of the phrases asked: blue, dog, red, green
            byColour.get(c).sort((a, b) -> Float.compare(b.score(), a.score()));
            expected.addAll(byColour.get(c));
        }
        return expected;
    }

    private static void assertDetection(Detection d, float x1, float y1, float x2, float y2, float score) {
        assertThat(new float[] {d.x1(), d.y1(), d.x2(), d.y2()}).containsExactly(new float[] {x1, y1, x2, y2},
                Offset.offset(0.02f));
        assertThat(d.score()).isCloseTo(score, within(1e-4f));
    }

    private Path copy(Path from, String name, String... files) throws IOException {
        Path target = dir.resolve(name);
        Files.createDirectories(target);
        for (String file : files) {
            Files.copy(from.resolve(file), target.resolve(file));
        }
        return target;
    }

    private static void replace(Path file, String from, String to) throws IOException {
        Files.writeString(file, Files.readString(file).replace(from, to));
    }

    private static BufferedImage readUnchecked(Path file) {
        try {
            return ImageFiles.read(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
