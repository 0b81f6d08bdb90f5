package io.tagforge.engine.cleaning;

import io.tagforge.engine.job.ConsoleProgress;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.labelsystem.transaction.Transactions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ./tagforge clean}: flags a dataset's doubtful tags for review, as a resumable job. */
@Command(name = "clean", mixinStandardHelpOptions = true,
        description = "Flags tags whose best region is an outlier of its category (K-Means++ over region "
                + "embeddings), tags without a detected region, and tags the tagger scores under threshold.")
public class CleanCommand implements Callable<Integer> {

    private final Transactions transactions;

    @Mixin
    CleaningOptions options;

    CleanCommand(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Integer call() throws Exception {
        JobRecord job = CleaningJob.run(transactions, options.request(), "cli", new ConsoleProgress("clean", "steps"));
        System.out.println("job " + job.id() + " " + job.state() + ": " + job.counts());
        return 0;
    }
}
