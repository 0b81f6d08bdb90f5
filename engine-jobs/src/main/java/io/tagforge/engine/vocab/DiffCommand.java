package io.tagforge.engine.vocab;

import io.tagforge.labelsystem.release.ReleaseDiff;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"What changed from release A to release B: one line per change ('+' added, '-' removed, "
                + "'>' merged into another tag, '~' new index, name, Chinese name or threshold), then a summary."})
public class DiffCommand implements Callable<Integer> {

    private final DataSource dataSource;

    @Parameters(index = "0", paramLabel = "A", description = "the older release")
    String from;

    @Parameters(index = "1", paramLabel = "B", description = "the newer release")
    String to;

    DiffCommand(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Integer call() {
        ReleaseDiff diff = LabelSystemErrors.asUserErrors(() -> ReleaseDiff.between(dataSource, from, to));
        diff.changes().forEach(change -> System.out.println(change.describe()));
        System.out.println(diff.summary());
        return 0;
    }
}
