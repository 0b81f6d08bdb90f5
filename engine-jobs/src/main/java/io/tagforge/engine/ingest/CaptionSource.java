package io.tagforge.engine.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** One input format: streams a file's images, captions and labels into the staging COPY. */
interface CaptionSource {

    /** Throws {@link IngestException} at the first bad record, naming file, line and field. */
    void stage(Path file, InputStream in, StagingCopy out, ImagePaths paths) throws IOException;
}
