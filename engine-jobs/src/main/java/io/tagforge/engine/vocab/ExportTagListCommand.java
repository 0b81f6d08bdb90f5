package io.tagforge.engine.vocab;

import io.tagforge.labelsystem.ramformat.RamTagListExport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes a release as RAM's ram_tag_list.txt, ram_tag_list_chinese.txt and "
                + "ram_tag_list_threshold.txt; a release imported from RAM's files gives them back byte for byte."})
public class ExportTagListCommand implements Callable<Integer> {

    private final DataSource dataSource;

    @Option(names = "--release", required = true, paramLabel = "NAME", description = "the release")
    String release;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder to write (created if missing)")
    Path out;

    ExportTagListCommand(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Integer call() {
        List<Path> files = LabelSystemErrors.asUserErrors(
                () -> new RamTagListExport(dataSource).write(release, out));
        files.forEach(System.out::println);
        return 0;
    }
}
