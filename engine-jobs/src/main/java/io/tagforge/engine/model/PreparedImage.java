package io.tagforge.engine.model;

/**
 * An image as a model takes it: resized as model.json says, normalized with its mean and std, channel-first
 * [3, height, width]. Preparing is the costly part of feeding a model after decoding, so jobs do it on their
 * reading threads ({@link Preprocessing#prepare}) and hand the model prepared images.
 */
public record PreparedImage(float[] pixels, int width, int height) {
}
