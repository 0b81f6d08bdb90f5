package io.tagforge.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.tagforge.labelsystem.error.TagforgeException;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * How model.json says an image becomes the model's input:
 * <ul>
 * <li>{@code "resize": "stretch"} (the default): to {@code input_size}, aspect ratio lost (RAM, Tag2Text);
 * <li>{@code "shorter-side"}: the shorter side to {@code min(input_size)}, the longer one in proportion but at most
 * {@code max_size} (Grounding-DINO: 800, 1333); images of a batch are padded right and bottom with zeros to a
 * common size, and the model gets a pixel mask;
 * <li>{@code "center-crop"}: the shorter side to {@code shortest_edge} (default {@code min(input_size)}), then
 * the centre {@code input_size} cut out (CLIP);
 * </ul>
 * with {@code "interpolation": "bilinear"} (default) or {@code "bicubic"} ({@link Resampler}), then
 * {@code (pixel / 255 - mean) / std} per channel.
 */
public final class Preprocessing {

    enum Resize {
        STRETCH, SHORTER_SIDE, CENTER_CROP
    }

    private final ModelSpec spec;
    private final Resize resize;
    private final Resampler.Filter filter;
    private final int maxSize;
    private final int shortestEdge;

    Preprocessing(ModelSpec spec) {
        this.spec = spec;
        JsonNode json = spec.json();
        String mode = json.path("resize").asText("stretch");
        this.resize = switch (mode) {
            case "stretch" -> Resize.STRETCH;
            case "shorter-side" -> Resize.SHORTER_SIDE;
            case "center-crop" -> Resize.CENTER_CROP;
            default -> throw new TagforgeException(spec.file() + ": field resize is '" + mode
                    + "', expected stretch, shorter-side or center-crop");
        };
        String interpolation = json.path("interpolation").asText("bilinear");
        try {
            this.filter = Resampler.Filter.valueOf(interpolation.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TagforgeException(spec.file() + ": field interpolation is '" + interpolation
                    + "', expected bilinear or bicubic");
        }
        int shorter = Math.min(spec.width(), spec.height());
        this.maxSize = positive(json, "max_size", Integer.MAX_VALUE);
        this.shortestEdge = positive(json, "shortest_edge", shorter);
        if (maxSize < shorter) {
            throw new TagforgeException(spec.file() + ": field max_size (" + maxSize + ") is below the shorter side "
                    + shorter + " of input_size");
        }
        if (resize == Resize.CENTER_CROP && shortestEdge < Math.max(spec.width(), spec.height())) {
            throw new TagforgeException(spec.file() + ": field shortest_edge (" + shortestEdge
                    + ") must be at least input_size's longer side to crop " + spec.height() + "×" + spec.width());
        }
    }

    /** Whether images come in their own size (padded in a batch) rather than all at input_size. */
    public boolean keepsAspect() {
        return resize == Resize.SHORTER_SIDE;
    }

    /** The image resized, cropped and normalized as model.json says. Safe to call from several threads. */
    public PreparedImage prepare(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] rgb = image.getRGB(0, 0, width, height, null, 0, width);
        int plane = width * height;
        float[] planes = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            int p = rgb[i];
            planes[i] = ((p >> 16) & 0xff) / 255f;
            planes[plane + i] = ((p >> 8) & 0xff) / 255f;
            planes[2 * plane + i] = (p & 0xff) / 255f;
        }
        int[] size = switch (resize) {
            case STRETCH -> new int[] {spec.width(), spec.height()};
            case SHORTER_SIDE -> shorterSide(width, height, Math.min(spec.width(), spec.height()), maxSize);
            case CENTER_CROP -> shorterSide(width, height, shortestEdge, Integer.MAX_VALUE);
        };
        float[] resized = size[0] == width && size[1] == height ? planes
                : Resampler.resize(planes, 3, width, height, size[0], size[1], filter);
        PreparedImage prepared = resize == Resize.CENTER_CROP
                ? crop(resized, size[0], size[1], spec.width(), spec.height())
                : new PreparedImage(resized, size[0], size[1]);
        normalize(prepared);
        return prepared;
    }

    /**
     * [width, height] with the shorter side at {@code shorter} and the longer in proportion, truncated; when the
     * longer would exceed {@code max}, the longer side is {@code max} and the shorter in proportion, rounded — the
     * sizes Hugging Face's DETR-family and CLIP image processors compute.
     */
    static int[] shorterSide(int width, int height, int shorter, int max) {
        double small = Math.min(width, height);
        double large = Math.max(width, height);
        double target = shorter;
        if (large / small * shorter > max) {
            target = max * small / large;
            shorter = (int) Math.round(target);
        }
        if (Math.min(width, height) == shorter) {
            return new int[] {width, height};
        }
        return width < height
                ? new int[] {shorter, (int) (target * height / width)}
                : new int[] {(int) (target * width / height), shorter};
    }

    /** The centre {@code cropWidth} × {@code cropHeight} window (offsets rounded down). */
    private static PreparedImage crop(float[] planes, int width, int height, int cropWidth, int cropHeight) {
        int left = (width - cropWidth) / 2;
        int top = (height - cropHeight) / 2;
        float[] out = new float[3 * cropWidth * cropHeight];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < cropHeight; y++) {
                System.arraycopy(planes, (c * height + top + y) * width + left, out, (c * cropHeight + y) * cropWidth,
                        cropWidth);
            }
        }
        return new PreparedImage(out, cropWidth, cropHeight);
    }

    private void normalize(PreparedImage image) {
        float[] pixels = image.pixels();
        int plane = image.width() * image.height();
        for (int c = 0; c < 3; c++) {
            float mean = spec.mean()[c];
            float std = spec.std()[c];
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                pixels[i] = (pixels[i] - mean) / std;
            }
        }
    }

    private int positive(JsonNode json, String field, int fallback) {
        JsonNode node = json.path(field);
        if (node.isMissingNode()) {
            return fallback;
        }
        if (!node.canConvertToInt() || node.asInt() < 1) {
            throw new TagforgeException(spec.file() + ": field " + field + " must be a positive integer, was " + node);
        }
        return node.asInt();
    }
}
