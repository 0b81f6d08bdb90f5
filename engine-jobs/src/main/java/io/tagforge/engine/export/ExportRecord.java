package io.tagforge.engine.export;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Formula;
import org.hibernate.annotations.Immutable;

/**
 * A read model of table export, a finished export, with the names of its dataset and release: read-only,
 * because {@link ExportJob} writes the row in the transaction that completes the export.
 */
@Entity
@Immutable
@Table(name = "export")
public class ExportRecord {

    @Id
    private long id;

    @Formula("(SELECT d.name FROM dataset d WHERE d.id = dataset_id)")
    private String dataset;

    @Formula("(SELECT r.name FROM release r WHERE r.id = release_id)")
    private String release;

    @Column(name = "job_id")
    private Long jobId;

    private String format;

    private String file;

    /** the manifest as people read it, indented as PostgreSQL prints it */
    @Formula("jsonb_pretty(manifest)")
    private String manifestText;

    @Column(name = "created_at")
    private Instant createdAt;

    protected ExportRecord() {
    }

    public long id() {
        return id;
    }

    public String dataset() {
        return dataset;
    }

    public String release() {
        return release;
    }

    public String format() {
        return format;
    }

    public String file() {
        return file;
    }

    public String manifestText() {
        return manifestText;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Long jobId() {
        return jobId;
    }
}
