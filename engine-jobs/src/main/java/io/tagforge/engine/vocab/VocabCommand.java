package io.tagforge.engine.vocab;

import picocli.CommandLine.Command;

/** {@code ./tagforge vocab ...}: the tag vocabulary, its RAM files, lookups, releases. */
@Command(name = "vocab", mixinStandardHelpOptions = true,
        description = "Tag vocabulary: import and export RAM tag lists, look words up, build, diff and release.",
        subcommands = {
                ImportRamCommand.class,
                ImportTag2TextCommand.class,
                ExportTagListCommand.class,
                LookupCommand.class,
                MappingsCommand.class,
                BuildCommand.class,
                DiffCommand.class,
                ReleaseCommand.class,
                TagCommand.class,
                ProposeDetectableCommand.class,
        })
public class VocabCommand {
}
