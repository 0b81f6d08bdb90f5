package io.tagforge.engine.ingest;

import java.io.IOException;
import java.sql.SQLException;

/** What an input format's reader finds, record by record, in file order. */
interface IngestSink {

    void image(long line, String key, String path, Integer width, Integer height) throws IOException;

    /** {@code key} names the image as the image record did; {@code idx} is the caption's position (RAM JSON) or -1. */
    void caption(long line, String key, int idx, String text) throws IOException;

    /** A tag id for one caption ({@code idx} ≥ 0, whose text is given) or for the whole image ({@code idx} = -1). */
    void label(long line, String key, int idx, String captionText, int label) throws IOException;

    /** SQL errors of the sink's COPY travel through the readers as I/O errors. */
    static IOException io(SQLException e) {
        return new IOException("COPY failed: " + e.getMessage(), e);
    }
}
