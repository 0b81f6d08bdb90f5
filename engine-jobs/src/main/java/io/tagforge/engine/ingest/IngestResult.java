package io.tagforge.engine.ingest;

import java.util.List;

/** What one ingest run added, and the dataset's totals after it. */
public record IngestResult(long jobId, String dataset, long imagesAdded, long captionsAdded, long labelsAdded,
                           long images, long captions, long missingImages, List<String> missingExamples) {
}
