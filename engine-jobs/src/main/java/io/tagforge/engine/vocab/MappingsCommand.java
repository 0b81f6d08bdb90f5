package io.tagforge.engine.vocab;

import io.tagforge.labelsystem.error.TagforgeException;
import io.tagforge.labelsystem.mapping.ObservedMapping;
import io.tagforge.labelsystem.mapping.SurfaceMappings;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./tagforge vocab mappings --dataset NAME}: what reached which tag in a dataset's parse, by frequency. */
@Command(name = "mappings", mixinStandardHelpOptions = true,
        description = {"Every surface form that reached a tag in the dataset's last parse (parse --dataset), most "
                + "mentions first: mentions, surface → tag, rule, an example caption; 'BLOCKED' when a curated "
                + "mapping now blocks it, 'PINNED' and the WordNet sense key when its surface is pinned to one "
                + "sense (the UI's Mappings view shows the same list)."})
public class MappingsCommand implements Callable<Integer> {

    private final DataSource dataSource;

    @Option(names = "--dataset", paramLabel = "NAME", required = true, description = "The parsed dataset.")
    String dataset;

    @Option(names = "--top", defaultValue = "500", description = "How many rows (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--search", paramLabel = "TEXT", description = "Only surfaces or tag names containing TEXT.")
    String search;

    MappingsCommand(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Integer call() {
        if (top < 1) {
            throw new TagforgeException("--top must be at least 1");
        }
        List<ObservedMapping> rows = SurfaceMappings.observed(dataSource, dataset, search, 0, 0, top);
        if (rows.isEmpty()) {
            throw new TagforgeException("--dataset " + dataset + ": no observed mappings (no such dataset, or not parsed "
                    + "since mappings are recorded: run ./tagforge parse --dataset " + dataset + ")");
        }
        for (ObservedMapping m : rows) {
            System.out.printf(Locale.ROOT, "%d\t%s → %s\t%s%s%s\t%s%n", m.mentions(), m.surface(), m.tagName(), m.rule(),
                    m.blocked() ? "\tBLOCKED" : "", m.pinnedSense() == null ? "" : "\tPINNED " + m.pinnedSense(),
                    m.examples().isEmpty() ? "" : m.examples().get(0));
        }
        return 0;
    }
}
