package io.tagforge.labelsystem.curation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of table audit_log: who did what to which entity when, the state before and after as JSON (what undo
 * puts back), and the entry that undid it.
 */
@Entity
@Table(name = "audit_log")
public class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String actor;

    private String action;

    @Column(name = "entity_type")
    private String entityType;

    @Column(name = "entity_id")
    private String entityId;

    @JdbcTypeCode(SqlTypes.JSON)
    private String before;

    @JdbcTypeCode(SqlTypes.JSON)
    private String after;

    @Column(name = "undone_by")
    private Long undoneBy;

    protected AuditEntry() {
    }

    public AuditEntry(String actor, String action, String entityType, Object entityId, String before, String after) {
        this.actor = actor;
        this.action = action;
        this.entityType = entityType;
        this.entityId = String.valueOf(entityId);
        this.before = before;
        this.after = after;
    }

    public long id() {
        return id;
    }

    public String actor() {
        return actor;
    }

    public String action() {
        return action;
    }

    public String entityType() {
        return entityType;
    }

    public String entityId() {
        return entityId;
    }

    public String before() {
        return before;
    }

    public String after() {
        return after;
    }

    public Long undoneBy() {
        return undoneBy;
    }

    void setAfter(String after) {
        this.after = after;
    }

    void undoneBy(long undoId) {
        this.undoneBy = undoId;
    }
}
