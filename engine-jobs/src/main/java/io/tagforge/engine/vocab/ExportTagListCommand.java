package io.tagforge.engine.vocab;

import io.tagforge.engine.cli.AppContext;
import io.tagforge.labelsystem.ramformat.RamTagListExport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes a release as RAM's ram_tag_list.txt, ram_tag_list_chinese.txt and "
                + "ram_tag_list_threshold.txt; a release imported from RAM's files gives them back byte for byte."})
public class ExportTagListCommand implements Callable<Integer> {

    private final AppContext context;

    @Option(names = "--release", required = true, paramLabel = "NAME", description = "the release")
    String release;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder to write (created if missing)")
    Path out;

    ExportTagListCommand(AppContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<Path> files = LabelSystemErrors.asUserErrors(
                () -> new RamTagListExport(context.dataSource()).write(release, out));
        files.forEach(System.out::println);
        return 0;
    }
}
