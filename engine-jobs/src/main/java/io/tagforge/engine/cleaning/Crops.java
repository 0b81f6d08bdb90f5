package io.tagforge.engine.cleaning;

import java.awt.image.BufferedImage;

/** The pixels of a normalized box, or null when the box is less than a pixel wide or high. */
final class Crops {

    private Crops() {
    }

    static BufferedImage crop(BufferedImage image, float x1, float y1, float x2, float y2) {
        int w = image.getWidth();
        int h = image.getHeight();
        int left = Math.max(0, (int) Math.floor(x1 * w));
        int top = Math.max(0, (int) Math.floor(y1 * h));
        int right = Math.min(w, (int) Math.ceil(x2 * w));
        int bottom = Math.min(h, (int) Math.ceil(y2 * h));
        if ((x2 - x1) * w < 1 || (y2 - y1) * h < 1 || right <= left || bottom <= top) {
            return null;
        }
        return image.getSubimage(left, top, right - left, bottom - top);
    }
}
