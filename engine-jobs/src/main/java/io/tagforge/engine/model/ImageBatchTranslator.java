package io.tagforge.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import io.tagforge.labelsystem.error.TagforgeException;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A translator that takes a whole batch at once (no DJL batchifier): it packs the batch's images into one
 * [B, 3, H, W] tensor itself, and checks the model's output shapes against model.json.
 */
abstract class ImageBatchTranslator<I, O> implements Translator<List<I>, List<O>> {

    final ModelSpec spec;

    ImageBatchTranslator(ModelSpec spec) {
        this.spec = spec;
    }

    /**
     * The batch as one [B, 3, H, W] tensor: H and W the largest of the batch, smaller images in the top left
     * corner with zeros right and below (what model.json's shorter-side resize needs; other resizes give every
     * image the same size).
     */
    static PixelBatch pixels(NDManager manager, List<PreparedImage> images) {
        int width = images.stream().mapToInt(PreparedImage::width).max().orElseThrow();
        int height = images.stream().mapToInt(PreparedImage::height).max().orElseThrow();
        int size = 3 * width * height;
        float[] batch = new float[images.size() * size];
        for (int i = 0; i < images.size(); i++) {
            PreparedImage image = images.get(i);
            if (image.width() == width && image.height() == height) {
                System.arraycopy(image.pixels(), 0, batch, i * size, size);
                continue;
            }
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < image.height(); y++) {
                    System.arraycopy(image.pixels(), (c * image.height() + y) * image.width(), batch,
                            i * size + (c * height + y) * width, image.width());
                }
            }
        }
        return new PixelBatch(manager.create(batch, new Shape(images.size(), 3, height, width)), images, width, height);
    }

    /** A batch's pixel tensor, its padded size and the images in it. */
    record PixelBatch(NDArray pixels, List<PreparedImage> images, int width, int height) {

        /** [B, H, W] int64, 1 on each image's own pixels and 0 on the padding. */
        NDArray mask(NDManager manager) {
            long[] mask = new long[images.size() * height * width];
            for (int b = 0; b < images.size(); b++) {
                PreparedImage image = images.get(b);
                for (int y = 0; y < image.height(); y++) {
                    int row = (b * height + y) * width;
                    Arrays.fill(mask, row, row + image.width(), 1L);
                }
            }
            return manager.create(mask, new Shape(images.size(), height, width));
        }
    }

    /** The output's shape must be {@code expected}; -1 matches any size. */
    void checkShape(String output, NDArray array, long... expected) {
        long[] actual = array.getShape().getShape();
        boolean ok = actual.length == expected.length;
        for (int i = 0; ok && i < expected.length; i++) {
            ok = expected[i] < 0 || expected[i] == actual[i];
        }
        if (!ok) {
            throw new TagforgeException(spec.weights() + ": " + output + " has shape " + array.getShape()
                    + ", model.json promises " + new Shape(expected).toString().replace("-1", "any"));
        }
    }

    /** The image a model is probed with at load. */
    static BufferedImage blank() {
        return new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    }

    /** {@link #blank()} as the model takes it. */
    static PreparedImage blank(Preprocessing preprocessing) {
        return preprocessing.prepare(blank());
    }

    /** A [B, columns] output as one array per row. */
    static List<float[]> rows(float[] flat, int columns) {
        List<float[]> rows = new ArrayList<>(flat.length / columns);
        for (int row = 0; row < flat.length / columns; row++) {
            rows.add(Arrays.copyOfRange(flat, row * columns, (row + 1) * columns));
        }
        return rows;
    }

    @Override
    public Batchifier getBatchifier() {
        return null;
    }
}
