package io.tagforge.engine.bench;

import picocli.CommandLine.Command;

/** {@code ./tagforge bench ...}: speed figures and ratios are printed by commands, never asserted in tests. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print their figures and ratios.",
        subcommands = {
                KMeansBenchCommand.class,
                ExportBenchCommand.class,
                IngestBench.class,
                ParseBenchCommand.class,
                ModelBenchCommand.class,
        })
public class BenchCommand {
}
