package io.tagforge.labelsystem.release;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/**
 * A row of table release. Read here; a release is written once, with its thousands of frozen tags, by
 * {@link Releases#insert} in one set-based statement, and never changed after.
 */
@Entity
@Immutable
@Table(name = "release")
public class ReleaseEntity {

    @Id
    private Integer id;

    private String name;

    @Column(name = "parent_id")
    private Integer parentId;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "created_at")
    private Instant createdAt;

    private String notes;

    protected ReleaseEntity() {
    }

    public Release toRelease() {
        return new Release(id, name, parentId, createdBy, createdAt, notes);
    }
}
