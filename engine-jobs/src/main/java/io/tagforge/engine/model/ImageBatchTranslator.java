package io.tagforge.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import io.tagforge.engine.cli.UserException;
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

    NDArray pixels(NDManager manager, List<BufferedImage> images) {
        int size = PixelTensor.size(spec);
        float[] batch = new float[images.size() * size];
        for (int i = 0; i < images.size(); i++) {
            PixelTensor.write(images.get(i), spec, batch, i * size);
        }
        return manager.create(batch, new Shape(images.size(), 3, spec.height(), spec.width()));
    }

    /** The output's shape must be {@code expected}; -1 matches any size. */
    void checkShape(String output, NDArray array, long... expected) {
        long[] actual = array.getShape().getShape();
        boolean ok = actual.length == expected.length;
        for (int i = 0; ok && i < expected.length; i++) {
            ok = expected[i] < 0 || expected[i] == actual[i];
        }
        if (!ok) {
            throw new UserException(spec.weights() + ": " + output + " has shape " + array.getShape()
                    + ", model.json promises " + new Shape(expected).toString().replace("-1", "any"));
        }
    }

    /** The image a model is probed with at load. */
    static BufferedImage blank() {
        return new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
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
