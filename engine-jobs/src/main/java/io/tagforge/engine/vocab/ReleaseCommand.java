package io.tagforge.engine.vocab;

import io.tagforge.labelsystem.curation.Curation;
import io.tagforge.labelsystem.release.Release;
import io.tagforge.labelsystem.release.Releases;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "release", mixinStandardHelpOptions = true,
        description = {"Freezes the live vocabulary as release NAME: its order is the training IDs. With --parent, "
                + "the parent's tags keep their IDs (a merged tag counts as its target; dropped tags leave) and new "
                + "tags follow. Names, Chinese names and thresholds are copied as they are now. Audited; undoable."})
public class ReleaseCommand implements Callable<Integer> {

    private final Curation curation;
    private final Releases releases;

    @Parameters(paramLabel = "NAME", description = "the new release (letters, digits, '.', '_', '-')")
    String name;

    @Option(names = "--parent", paramLabel = "RELEASE", description = "release whose training IDs to keep")
    String parent;

    @Option(names = "--notes", paramLabel = "TEXT", description = "what this release is for")
    String notes;

    ReleaseCommand(Curation curation, Releases releases) {
        this.curation = curation;
        this.releases = releases;
    }

    @Override
    public Integer call() {
        Release release = curation.createRelease(Actor.current(), name, parent, notes);
        int size = releases.entries(release.name()).size();
        System.out.printf("release %s: %d tags%s%n", release.name(), size, parent != null ? " (parent " + parent + ")" : "");
        return 0;
    }
}
