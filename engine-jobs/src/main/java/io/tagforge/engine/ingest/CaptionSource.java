package io.tagforge.engine.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** One input format: reads a file's images, captions and labels into a sink, in file order. */
interface CaptionSource {

    /** Throws {@link IngestException} at the first bad record, naming file, line and field. */
    void read(Path file, InputStream in, IngestSink out, ImagePaths paths) throws IOException;
}
