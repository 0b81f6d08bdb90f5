package io.tagforge.labelsystem.curation;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/** Synonym proposals. */
public interface SynonymProposalRepository extends JpaRepository<SynonymProposalEntity, Integer> {

    /** The proposal, locked: two curators deciding it at once are serialized, and the second sees the first. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("SELECT p FROM SynonymProposalEntity p WHERE p.id = :id")
    Optional<SynonymProposalEntity> findLocked(int id);

    /** Open proposals, most confident first. */
    List<SynonymProposalEntity> findByStateOrderByConfidenceDescIdAsc(String state, Limit limit);
}
