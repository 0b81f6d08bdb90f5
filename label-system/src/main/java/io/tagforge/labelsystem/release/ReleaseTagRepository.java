package io.tagforge.labelsystem.release;

import java.util.List;
import org.springframework.data.repository.Repository;

/** The frozen tags of releases (read-only: written in bulk by {@link Releases#insert}). */
public interface ReleaseTagRepository extends Repository<ReleaseTagEntity, ReleaseTagEntity.Key> {

    List<ReleaseTagEntity> findByReleaseIdOrderByIdx(int releaseId);
}
