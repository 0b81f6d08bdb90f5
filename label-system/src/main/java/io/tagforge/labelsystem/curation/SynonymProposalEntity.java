package io.tagforge.labelsystem.curation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of table synonym_proposal: a merge or a synonym awaiting a curator, and how it was decided. */
@Entity
@Table(name = "synonym_proposal")
public class SynonymProposalEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Integer id;

    @Column(name = "target_tag")
    private int targetTag;

    @Column(name = "source_tag")
    private Integer sourceTag;

    private String form;

    @JdbcTypeCode(SqlTypes.JSON)
    private String evidence;

    private float confidence;

    private String state;

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "decided_at")
    private Instant decidedAt;

    protected SynonymProposalEntity() {
    }

    String state() {
        return state;
    }

    String decidedBy() {
        return decidedBy;
    }

    void decide(String newState, String actor) {
        state = newState;
        decidedBy = actor;
        decidedAt = Instant.now();
    }

    void reopen() {
        state = "PROPOSED";
        decidedBy = null;
        decidedAt = null;
    }

    SynonymProposal toProposal() {
        return new SynonymProposal(id, targetTag, sourceTag, form, evidence, confidence, state);
    }
}
