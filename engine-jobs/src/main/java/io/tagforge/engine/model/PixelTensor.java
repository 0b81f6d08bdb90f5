package io.tagforge.engine.model;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Java-side pre-processing: an image (or a crop of it) resized to the model's input size with bilinear
 * filtering, laid out channel-first and normalized with the model's mean and std, into a batch buffer.
 */
final class PixelTensor {

    private PixelTensor() {
    }

    /** Writes image [3, height, width] at {@code offset} of {@code batch}. */
    static void write(BufferedImage image, ModelSpec spec, float[] batch, int offset) {
        int width = spec.width();
        int height = spec.height();
        BufferedImage resized = image;
        // halving first: one bilinear step from 640 to 32 pixels would sample a few pixels and skip the rest
        while (resized.getWidth() >= 2 * width && resized.getHeight() >= 2 * height) {
            resized = scale(resized, resized.getWidth() / 2, resized.getHeight() / 2);
        }
        resized = scale(resized, width, height);
        int[] pixels = resized.getRGB(0, 0, width, height, null, 0, width);
        int plane = width * height;
        float[] mean = spec.mean();
        float[] std = spec.std();
        for (int i = 0; i < plane; i++) {
            int rgb = pixels[i];
            batch[offset + i] = (((rgb >> 16) & 0xff) / 255f - mean[0]) / std[0];
            batch[offset + plane + i] = (((rgb >> 8) & 0xff) / 255f - mean[1]) / std[1];
            batch[offset + 2 * plane + i] = ((rgb & 0xff) / 255f - mean[2]) / std[2];
        }
    }

    private static BufferedImage scale(BufferedImage image, int width, int height) {
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return scaled;
    }

    static int size(ModelSpec spec) {
        return 3 * spec.width() * spec.height();
    }
}
