package io.tagforge.engine.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * What to ingest. {@code imagesDir} is where relative image paths live (null for URL-only TSVs);
 * {@code strict} fails the run on missing image files; {@code release} maps RAM JSON label ids to tags.
 */
public record IngestRequest(IngestFormat format, Path file, String dataset, Path imagesDir, boolean strict,
                            String release) {

    public IngestRequest {
        file = file.toAbsolutePath().normalize();
        imagesDir = imagesDir == null ? null : imagesDir.toAbsolutePath().normalize();
    }

    /** The job parameters: a rerun of the same request continues the same job. */
    ObjectNode params() {
        ObjectNode p = new ObjectMapper().createObjectNode();
        p.put("format", format.id()).put("file", file.toString()).put("dataset", dataset)
                .put("images", imagesDir == null ? null : imagesDir.toString()).put("strict", strict)
                .put("release", release);
        return p;
    }
}
