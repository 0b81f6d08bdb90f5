package io.tagforge.engine.job;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.repository.Repository;

/** Jobs as the UI lists them, newest first (read-only). */
public interface JobSummaryRepository extends Repository<JobSummary, Long> {

    Optional<JobSummary> findById(long id);

    List<JobSummary> findByOrderByIdDesc(Limit limit);
}
