package io.tagforge.engine.model;

/** A detected region: the phrase it answers, its box (normalized x1, y1, x2, y2 in [0, 1]) and score. */
public record Detection(String phrase, float x1, float y1, float x2, float y2, float score) {

    /** Width or height below one pixel of an image of the given size: nothing to crop. */
    public boolean isEmpty(int imageWidth, int imageHeight) {
        return (x2 - x1) * imageWidth < 1 || (y2 - y1) * imageHeight < 1;
    }

    /** A coordinate clamped into the image, [0, 1]. */
    static float clamp(float v) {
        return Math.max(0f, Math.min(1f, v));
    }
}
