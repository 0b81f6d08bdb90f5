package io.tagforge.engine.model;

import io.tagforge.labelsystem.shareddata.SharedData;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The tiny models of src/test/resources/models (written by src/test/models/make_tiny_models.py), the
 * COCO-MINI images, and what the models must answer, computed here in plain Java from the pixels.
 */
public final class TestModels {

    public static final Path MODELS = Path.of(System.getProperty("user.dir"), "src/test/resources/models");
    public static final Path SHARED = SharedData.dir();
    public static final Path COCO_VAL = SHARED.resolve("datasets/coco-mini/val2017");

    private TestModels() {
    }

    public static Path folder(String name) {
        return MODELS.resolve(name);
    }

    /** The first {@code count} COCO-MINI val2017 images, by file name. */
    public static List<Path> cocoImages(int count) {
        try (Stream<Path> files = Files.list(COCO_VAL)) {
            return files.filter(f -> f.toString().endsWith(".jpg")).sorted().limit(count).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An image whose left half is one colour and right half another. */
    public static BufferedImage halves(Color left, Color right) {
        BufferedImage image = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(left);
        g.fillRect(0, 0, 100, 100);
        g.setColor(right);
        g.fillRect(100, 0, 100, 100);
        g.dispose();
        return image;
    }

    /** Mean of red, green, blue (0..1) and of luminance, over every pixel. */
    public static double[] channelMeans(BufferedImage image) {
        double[] sums = new double[4];
        int w = image.getWidth();
        int h = image.getHeight();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                double r = ((rgb >> 16) & 0xff) / 255.0;
                double g = ((rgb >> 8) & 0xff) / 255.0;
                double b = (rgb & 0xff) / 255.0;
                sums[0] += r;
                sums[1] += g;
                sums[2] += b;
                sums[3] += 0.299 * r + 0.587 * g + 0.114 * b;
            }
        }
        for (int i = 0; i < 4; i++) {
            sums[i] /= (double) w * h;
        }
        return sums;
    }

    public static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
