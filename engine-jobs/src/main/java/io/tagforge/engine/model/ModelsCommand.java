package io.tagforge.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagforge.engine.model.DeviceOption;
import io.tagforge.labelsystem.error.TagforgeException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./tagforge models check DIR [--reference reference.json]}: a model folder loads, and agrees with its original. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "Model folders.",
        subcommands = ModelsCommand.Check.class)
public class ModelsCommand {

    /** Largest difference from the original model's outputs that passes: probabilities, features, box corners. */
    static final double TOLERANCE = 1e-3;

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Loads a model folder (model.json promises checked on a probe image) and, with --reference "
                    + "(written by tools/export), runs it on the reference's images and prints the largest difference "
                    + "from the original model's outputs; exit code 1 above 1e-3 (a captioner: any caption that differs).")
    static class Check implements Callable<Integer> {

        @Parameters(paramLabel = "DIR", description = "model folder")
        Path folder;

        @Option(names = "--reference", description = "reference.json of tools/export")
        Path reference;

        @Option(names = "--device", defaultValue = "auto", converter = DeviceOption.class,
                description = "cpu, gpu, gpu:N or auto (default ${DEFAULT-VALUE}).")
        ModelDevice device;

        @Override
        public Integer call() throws IOException {
            ModelSpec spec = ModelSpec.read(folder);
            JsonNode expected = reference == null ? null : readReference();
            List<BufferedImage> images = new ArrayList<>();
            if (expected != null) {
                for (JsonNode path : expected.path("images")) {
                    Path file = reference.toAbsolutePath().getParent().resolve(path.asText());
                    images.add(ImageFiles.read(file));
                }
            }
            double difference = switch (spec.task()) {
                case TAGGER -> {
                    try (Tagger tagger = Tagger.load(folder, device, 8)) {
                        yield expected == null ? 0 : largest(tagger.predict(images), expected.path("probabilities"));
                    }
                }
                case EMBEDDER -> {
                    try (Embedder embedder = Embedder.load(folder, device, 8)) {
                        yield expected == null ? 0 : largest(embedder.embed(images), expected.path("features"));
                    }
                }
                case CAPTIONER -> {
                    try (Captioner captioner = Captioner.load(folder, device, 8)) {
                        yield expected == null ? 0 : captions(captioner.caption(images), expected.path("captions"));
                    }
                }
                case DETECTOR -> {
                    try (Detector detector = Detector.load(folder, device, 8)) {
                        yield expected == null ? 0 : detections(detector, images, expected);
                    }
                }
            };
            System.out.println(spec.file() + ": loads, " + spec.task().name().toLowerCase(Locale.ROOT) + " "
                    + spec.name() + " (" + spec.engine() + ")");
            if (expected == null) {
                return 0;
            }
            boolean ok = difference <= TOLERANCE;
            System.out.printf(Locale.ROOT, "%d images: largest difference from the original %.3g (tolerance %.0e): %s%n",
                    images.size(), difference, TOLERANCE, ok ? "OK" : "FAILED");
            return ok ? 0 : 1;
        }

        private JsonNode readReference() {
            try {
                return new ObjectMapper().readTree(reference.toFile());
            } catch (IOException e) {
                throw new TagforgeException(reference + ": not a reference.json: " + e.getMessage(), e);
            }
        }

        private double largest(List<float[]> actual, JsonNode expected) {
            requireSize(actual.size(), expected);
            double largest = 0;
            for (int i = 0; i < actual.size(); i++) {
                float[] row = actual.get(i);
                JsonNode want = expected.get(i);
                if (want.size() != row.length) {
                    throw new TagforgeException(reference + ": image " + i + " has " + want.size() + " outputs, the model "
                            + row.length);
                }
                for (int j = 0; j < row.length; j++) {
                    largest = Math.max(largest, Math.abs(row[j] - want.get(j).asDouble()));
                }
            }
            return largest;
        }

        private double captions(List<String> actual, JsonNode expected) {
            requireSize(actual.size(), expected);
            int differing = 0;
            for (int i = 0; i < actual.size(); i++) {
                if (!actual.get(i).equals(expected.get(i).asText())) {
                    differing++;
                    System.out.println("image " + i + ": \"" + actual.get(i) + "\", the original \""
                            + expected.get(i).asText() + "\"");
                }
            }
            return differing;
        }

        /** Detections of both sides by score, compared pair by pair; a different count is a failure. */
        private double detections(Detector detector, List<BufferedImage> images, JsonNode expected) {
            List<String> phrases = new ArrayList<>();
            expected.path("phrases").forEach(p -> phrases.add(p.asText()));
            List<Detector.Request> requests = images.stream().map(i -> new Detector.Request(i, phrases)).toList();
            List<List<Detection>> found = detector.detect(requests);
            JsonNode want = expected.path("detections");
            requireSize(found.size(), want);
            double largest = 0;
            for (int i = 0; i < found.size(); i++) {
                List<Detection> mine = new ArrayList<>(found.get(i));
                mine.sort(Comparator.comparingDouble(Detection::score).reversed());
                if (mine.size() != want.get(i).size()) {
                    System.out.println("image " + i + ": " + mine.size() + " detections, the original "
                            + want.get(i).size());
                    return Double.POSITIVE_INFINITY;
                }
                for (int d = 0; d < mine.size(); d++) {
                    Detection det = mine.get(d);
                    JsonNode w = want.get(i).get(d);
                    float[] box = {det.x1(), det.y1(), det.x2(), det.y2()};
                    largest = Math.max(largest, Math.abs(det.score() - w.path("score").asDouble()));
                    for (int k = 0; k < 4; k++) {
                        largest = Math.max(largest, Math.abs(box[k] - w.path("box").get(k).asDouble()));
                    }
                }
            }
            return largest;
        }

        private void requireSize(int actual, JsonNode expected) {
            if (expected.size() != actual) {
                throw new TagforgeException(reference + ": holds " + expected.size() + " outputs for " + actual + " images");
            }
        }
    }
}
