package io.tagforge.labelsystem.release;

import java.util.List;
import java.util.Optional;
import org.springframework.data.repository.Repository;

/** Releases as entities (read; written in bulk by {@link Releases#insert}). */
public interface ReleaseRepository extends Repository<ReleaseEntity, Integer> {

    Optional<ReleaseEntity> findByName(String name);

    List<ReleaseEntity> findAllByOrderById();
}
