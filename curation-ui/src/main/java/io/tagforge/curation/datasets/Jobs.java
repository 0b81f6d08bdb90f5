package io.tagforge.curation.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import io.tagforge.curation.security.Roles;
import io.tagforge.engine.job.JobBody;
import io.tagforge.engine.job.JobListener;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.job.JobRunner;
import io.tagforge.engine.job.JobStore;
import io.tagforge.engine.job.JobSummary;
import io.tagforge.engine.job.JobSummaryRepository;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Limit;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Jobs seen and started from the UI. A job runs on the app's job thread through the engine's {@link JobRunner},
 * so its row, progress, log and checkpoint are the same as when the CLI runs it; views read the rows.
 */
@Service
public class Jobs {

    private static final Logger log = LoggerFactory.getLogger(Jobs.class);

    private final JobStore store;
    private final JobSummaryRepository summaries;
    private final ExecutorService threads;

    Jobs(JobStore store, JobSummaryRepository summaries, ExecutorService jobThreads) {
        this.store = store;
        this.summaries = summaries;
        this.threads = jobThreads;
    }

    /** Creates the job row now and runs the body in the background; returns the job's id. */
    @RolesAllowed({Roles.CURATOR, Roles.ADMIN})
    public long start(String kind, JsonNode params, JobBody body) {
        String user = SecurityContextHolder.getContext().getAuthentication().getName();
        long id = store.create(kind, params, user);
        threads.submit(() -> {
            try {
                new JobRunner(store).run(id, body, JobListener.NONE);
            } catch (Exception | Error e) {
                // the runner stored the error on the job row, where the jobs view shows it
                log.warn("Job {} ({}) failed: {}", id, kind, e.toString());
            }
        });
        return id;
    }

    /**
     * Runs engine work that makes its own job row (e.g. the ingester, which checks its input first) in the
     * background; the future reports a refused input.
     */
    @RolesAllowed(Roles.ADMIN)
    public <T> Future<T> submit(Callable<T> work) {
        return threads.submit(work);
    }

    @RolesAllowed({Roles.CURATOR, Roles.ADMIN})
    @Transactional(readOnly = true)
    public List<JobRecord> recent(int limit) {
        return summaries.findByOrderByIdDesc(Limit.of(limit)).stream().map(JobSummary::toRecord).toList();
    }

    @RolesAllowed({Roles.CURATOR, Roles.ADMIN})
    @Transactional(readOnly = true)
    public Optional<JobRecord> find(long id) {
        return summaries.findById(id).map(JobSummary::toRecord);
    }

    @RolesAllowed({Roles.CURATOR, Roles.ADMIN})
    public List<String> log(long id) {
        return store.logLines(id, 200);
    }

    @RolesAllowed(Roles.ADMIN)
    public boolean cancel(long id) {
        return store.requestCancel(id);
    }
}
