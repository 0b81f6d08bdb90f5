package io.tagforge.engine.vocab;

import io.tagforge.labelsystem.ramformat.TagListImport;
import io.tagforge.labelsystem.transaction.Transactions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import-tag2text", mixinStandardHelpOptions = true,
        description = {"Imports Tag2Text's tag2text_ori_tag_list.txt with its kinds: lines 1-3012 objects and "
                + "scenes, the next 240 actions, the last 177 attributes; a name may repeat across kinds. Creates a "
                + "release in the file's order. Any bad line imports nothing."})
public class ImportTag2TextCommand implements Callable<Integer> {

    private final Transactions transactions;

    @Parameters(paramLabel = "FILE", description = "Tag2Text's tag list")
    Path file;

    @Option(names = "--release", paramLabel = "NAME", description = "release name (default: tag2text-3429)")
    String release;

    ImportTag2TextCommand(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Integer call() {
        TagListImport.Result result = LabelSystemErrors.asUserErrors(() -> new TagListImport(transactions,
                Actor.current()).importTag2Text(file, release != null ? release : "tag2text-3429"));
        return LabelSystemErrors.report(result);
    }
}
