package io.tagforge.labelsystem.curation;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/** The audit log. */
public interface AuditEntryRepository extends JpaRepository<AuditEntry, Long> {

    /** The entry, locked: one undo of it at a time. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("SELECT a FROM AuditEntry a WHERE a.id = :id")
    Optional<AuditEntry> findLocked(long id);
}
