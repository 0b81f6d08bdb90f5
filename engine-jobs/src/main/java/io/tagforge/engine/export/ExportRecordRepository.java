package io.tagforge.engine.export;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.repository.Repository;

/** Finished exports, newest first (read-only). */
public interface ExportRecordRepository extends Repository<ExportRecord, Long> {

    List<ExportRecord> findByOrderByIdDesc(Limit limit);

    Optional<ExportRecord> findByJobId(long jobId);
}
