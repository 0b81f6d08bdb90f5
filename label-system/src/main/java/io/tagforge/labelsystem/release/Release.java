package io.tagforge.labelsystem.release;

import java.time.Instant;

/** A frozen, ordered tag list: entry {@code index} is training ID {@code index}. */
public record Release(int id, String name, Integer parentId, String createdBy, Instant createdAt, String notes) {
}
