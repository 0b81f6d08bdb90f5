package io.tagforge.engine.vocab;

import io.tagforge.labelsystem.ramformat.TagListImport;
import io.tagforge.labelsystem.transaction.Transactions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import-ram", mixinStandardHelpOptions = true,
        description = {"Imports RAM's ram_tag_list.txt, ram_tag_list_chinese.txt and ram_tag_list_threshold.txt "
                + "from DIR: tags (reusing live tags of the same name), thresholds, Chinese names (language zh) and "
                + "a release in the files' order. Any bad line imports nothing."})
public class ImportRamCommand implements Callable<Integer> {

    private final Transactions transactions;

    @Parameters(paramLabel = "DIR", description = "folder with RAM's three tag-list files")
    Path dir;

    @Option(names = "--release", paramLabel = "NAME", description = "release name (default: ram-<tag count>)")
    String release;

    ImportRamCommand(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Integer call() {
        TagListImport.Result result = LabelSystemErrors.asUserErrors(() -> new TagListImport(transactions,
                Actor.current()).importRam(dir, release != null ? release : "ram-" + TagListCount.of(dir)));
        return LabelSystemErrors.report(result);
    }
}
