package io.tagforge.engine.job;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Formula;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A read model of table job for lists and pages: read-only, because a job's row is written by the job itself
 * ({@link JobRunner} through {@link JobStore}), its checkpoint in the same transaction as each batch of rows.
 */
@Entity
@Immutable
@Table(name = "job")
public class JobSummary {

    @Id
    private long id;

    private String kind;

    @JdbcTypeCode(SqlTypes.JSON)
    private JsonNode params;

    @Enumerated(EnumType.STRING)
    @Formula(JobStore.STATE_SEEN)
    private JobState state;

    private long progress;

    private Long total;

    @JdbcTypeCode(SqlTypes.JSON)
    private JsonNode counts;

    @JdbcTypeCode(SqlTypes.JSON)
    private JsonNode checkpoint;

    private String error;

    @Column(name = "cancel_requested")
    private boolean cancelRequested;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    protected JobSummary() {
    }

    public JobRecord toRecord() {
        return new JobRecord(id, kind, params, state, progress, total, counts, checkpoint, error, cancelRequested,
                createdBy, createdAt, startedAt, finishedAt);
    }
}
