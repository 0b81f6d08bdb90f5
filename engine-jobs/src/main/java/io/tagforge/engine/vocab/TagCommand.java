package io.tagforge.engine.vocab;

import io.tagforge.labelsystem.curation.Curation;
import io.tagforge.labelsystem.error.TagforgeException;
import io.tagforge.labelsystem.tag.Tag;
import io.tagforge.labelsystem.tag.Tags;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tag", mixinStandardHelpOptions = true,
        description = {"Shows a tag (id, kind, version, threshold, names), or changes it: its name, threshold or "
                + "description, one change per run, audited and undoable like a change in the UI.",
                "A change names the version you read: when someone changed the tag since (in the UI, say), nothing "
                        + "is saved and the error says so; show the tag again and retry."})
public class TagCommand implements Callable<Integer> {

    private final Curation curation;
    private final Tags tags;

    @Parameters(paramLabel = "TAG", description = "the tag's id, or the name of a live tag")
    String tag;

    @Option(names = "--seen-version", paramLabel = "N", description = "the version you read (shown by this command)")
    Integer seenVersion;

    @ArgGroup(exclusive = true)
    Change change;

    static class Change {
        @Option(names = "--rename", paramLabel = "NAME", description = "the tag's new name")
        String name;

        @Option(names = "--threshold", paramLabel = "X", description = "the class threshold, 0 to 1")
        Float threshold;

        @Option(names = "--description", paramLabel = "TEXT", description = "what the tag means ('' removes it)")
        String description;
    }

    TagCommand(Curation curation, Tags tags) {
        this.curation = curation;
        this.tags = tags;
    }

    @Override
    public Integer call() {
        Tag found = find();
        if (change != null) {
            if (seenVersion == null) {
                throw new TagforgeException("a change needs --seen-version: the version you read, so that a change "
                        + "someone made since is not overwritten");
            }
            String actor = Actor.current();
            if (change.name != null) {
                curation.rename(actor, found.id(), seenVersion, change.name);
            } else if (change.threshold != null) {
                curation.setThreshold(actor, found.id(), seenVersion, change.threshold);
            } else {
                curation.setDescription(actor, found.id(), seenVersion, change.description);
            }
            found = tags.find(found.id()).orElseThrow();
        }
        System.out.printf(Locale.ROOT, "tag %d %s (%s) version %d threshold %s%s%s%n", found.id(), found.name(),
                found.kind(), found.version(), found.threshold(), found.deprecated() ? " deprecated" : "",
                found.description() == null ? "" : ": " + found.description());
        System.out.println("names: " + tags.names(found.id()).stream()
                .map(n -> n.form() + " (" + n.language() + ", " + n.source().name().toLowerCase(Locale.ROOT) + ")")
                .collect(Collectors.joining(", ")));
        return 0;
    }

    private Tag find() {
        if (tag.matches("\\d+")) {
            return tags.find(Integer.parseInt(tag)).orElseThrow(() -> new TagforgeException("no tag with id " + tag));
        }
        List<Tag> named = tags.search(tag, 50).stream().filter(t -> t.name().equalsIgnoreCase(tag)).toList();
        if (named.isEmpty()) {
            throw new TagforgeException("no live tag named \"" + tag + "\"");
        }
        if (named.size() > 1) {
            throw new TagforgeException("\"" + tag + "\" names " + named.size() + " tags, one per kind: give the id ("
                    + named.stream().map(t -> t.id() + " " + t.kind()).collect(Collectors.joining(", ")) + ")");
        }
        return named.get(0);
    }
}
