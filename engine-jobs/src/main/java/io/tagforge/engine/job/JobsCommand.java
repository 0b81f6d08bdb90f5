package io.tagforge.engine.job;

import io.tagforge.labelsystem.error.TagforgeException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "Lists recent jobs; with an id, shows that job and its log.",
        subcommands = JobsCommand.Cancel.class)
public class JobsCommand implements Callable<Integer> {

    private final JobStore store;

    @Parameters(arity = "0..1", paramLabel = "ID", description = "a job id")
    Long id;

    @Option(names = "--limit", defaultValue = "20", description = "how many recent jobs (default ${DEFAULT-VALUE})")
    int limit;

    JobsCommand(JobStore store) {
        this.store = store;
    }

    @Override
    public Integer call() {
        if (id == null) {
            System.out.printf("%-6s %-12s %-11s %12s %8s  %-20s %s%n", "ID", "KIND", "STATE", "PROGRESS", "DONE", "CREATED", "COUNTS");
            for (JobRecord job : store.recent(limit)) {
                System.out.printf("%-6d %-12s %-11s %12d %8s  %-20s %s%n", job.id(), job.kind(), job.state(),
                        job.progress(), job.fraction() < 0 ? "-" : String.format("%.1f%%", 100 * job.fraction()),
                        job.createdAt().toString().substring(0, 19), job.counts());
            }
            return 0;
        }
        JobRecord job = store.find(id).orElseThrow(() -> new TagforgeException("no job " + id));
        System.out.printf("job %d: %s %s, progress %d%s%nparams %s%ncounts %s%n", job.id(), job.kind(), job.state(),
                job.progress(), job.total() == null ? "" : " of " + job.total(), job.params(), job.counts());
        if (job.error() != null) {
            System.out.println("error: " + job.error());
        }
        if (job.state() == JobState.INTERRUPTED) {
            System.out.println("its process died while it ran: the same command again resumes it");
        }
        store.logLines(id, 1000).forEach(System.out::println);
        return 0;
    }

    @Command(name = "cancel", description = "Asks a running job to stop after its current batch.")
    static class Cancel implements Callable<Integer> {
        private final JobStore store;

        @Parameters(paramLabel = "ID")
        long id;

        Cancel(JobStore store) {
            this.store = store;
        }

        @Override
        public Integer call() {
            if (!store.requestCancel(id)) {
                throw new TagforgeException("job " + id + " is not queued or running");
            }
            System.out.println("cancel requested for job " + id);
            return 0;
        }
    }
}
