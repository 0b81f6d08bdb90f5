package io.tagforge.labelsystem.tag;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/** Tags as entities, for curation. */
public interface TagRepository extends JpaRepository<TagEntity, Integer> {

    /**
     * The tag, its row locked until the transaction ends: curators changing one tag take turns, and the second
     * finds the version the first left.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("SELECT t FROM TagEntity t WHERE t.id = :id")
    Optional<TagEntity> findLocked(int id);

    /** A live tag (not deprecated) of this name in any case and this kind, other than {@code exceptId}. */
    @Query("SELECT t FROM TagEntity t WHERE lower(t.name) = lower(:name) AND t.kind = :kind AND t.deprecated = false "
            + "AND t.id <> :exceptId")
    Optional<TagEntity> findLiveNamed(String name, TagKind kind, int exceptId);

    boolean existsByNameIgnoreCaseAndDeprecatedFalse(String name);
}
