package io.tagforge.engine.export;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The release's tag lists as RAM's code reads them beside a training file: {@code ram_tag_list.txt},
 * {@code ram_tag_list_chinese.txt}, {@code ram_tag_list_threshold.txt}, one line per training ID.
 */
final class TagFiles {

    private TagFiles() {
    }

    static List<StagedFile> stage(Path dir, ReleaseIndex release) throws IOException {
        List<StagedFile> files = new ArrayList<>();
        try {
            files.add(stage(dir.resolve("ram_tag_list.txt"), release, ReleaseIndex.Entry::name));
            // RAM's loader needs a line per ID: an untranslated tag keeps its English name
            files.add(stage(dir.resolve("ram_tag_list_chinese.txt"), release,
                    e -> e.nameZh() != null ? e.nameZh() : e.name()));
            // shortest decimal, as RAM's own file writes it: 0.65, 1
            files.add(stage(dir.resolve("ram_tag_list_threshold.txt"), release,
                    e -> new BigDecimal(Float.toString(e.threshold())).stripTrailingZeros().toPlainString()));
        } catch (IOException | RuntimeException e) {
            files.forEach(StagedFile::discard);
            throw e;
        }
        return files;
    }

    private static StagedFile stage(Path target, ReleaseIndex release, Function<ReleaseIndex.Entry, String> line)
            throws IOException {
        StringBuilder text = new StringBuilder();
        for (ReleaseIndex.Entry e : release.entries()) {
            text.append(line.apply(e)).append('\n');
        }
        return StagedFile.of(target, text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
