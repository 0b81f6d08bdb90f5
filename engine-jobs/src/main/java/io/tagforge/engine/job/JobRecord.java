package io.tagforge.engine.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One row of table job, as the CLI's {@code jobs} and the UI's jobs view show it. */
public record JobRecord(long id, String kind, JsonNode params, JobState state, long progress, Long total,
                        JsonNode counts, JsonNode checkpoint, String error, boolean cancelRequested,
                        String createdBy, Instant createdAt, Instant startedAt, Instant finishedAt) {

    /** Done fraction in [0, 1], or -1 when the total is not known yet. */
    public double fraction() {
        return total == null || total == 0 ? -1 : Math.min(1.0, (double) progress / total);
    }

    public long count(String name) {
        JsonNode n = counts.get(name);
        return n == null ? 0 : n.asLong();
    }
}
