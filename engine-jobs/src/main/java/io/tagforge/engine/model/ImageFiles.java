package io.tagforge.engine.model;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Reads images strictly: ImageIO decodes a truncated JPEG without complaint and fills the rest with grey, so
 * a reader warning ("Premature end of JPEG file") counts as a failure here.
 */
public final class ImageFiles {

    private ImageFiles() {
    }

    /** The decoded image; an {@link IOException} naming the file when it is missing, unreadable or truncated. */
    public static BufferedImage read(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new IOException(file + ": cannot open");
            }
            return decode(file.toString(), in);
        }
    }

    /**
     * The decoded image of a file's bytes opened elsewhere (a Hadoop FileSystem's stream, ...), buffered in memory
     * rather than in ImageIO's temporary files; an {@link IOException} starting with {@code name} when it is
     * unreadable or truncated. The caller closes {@code stream}.
     */
    public static BufferedImage read(String name, InputStream stream) throws IOException {
        try (ImageInputStream in = new MemoryCacheImageInputStream(stream)) {
            return decode(name, in);
        }
    }

    private static BufferedImage decode(String name, ImageInputStream in) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new IOException(name + ": not an image format Java can decode");
        }
        ImageReader reader = readers.next();
        StringBuilder warnings = new StringBuilder();
        reader.addIIOReadWarningListener((source, warning) -> warnings.append(warning));
        try {
            reader.setInput(in, true, true);
            BufferedImage image = reader.read(0);
            if (!warnings.isEmpty()) {
                throw new IOException(name + ": " + warnings);
            }
            return image;
        } catch (IOException | RuntimeException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(name)) {
                throw e;
            }
            throw new IOException(name + ": cannot decode: " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }
}
