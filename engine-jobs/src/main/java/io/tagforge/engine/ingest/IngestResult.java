package io.tagforge.engine.ingest;

import java.util.List;

/** What one ingest run added; the dataset's totals are {@code DatasetStore}'s to tell. */
public record IngestResult(long jobId, String dataset, long imagesAdded, long captionsAdded, long labelsAdded,
                           long missingImages, List<String> missingExamples) {
}
