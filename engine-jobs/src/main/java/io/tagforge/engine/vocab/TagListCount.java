package io.tagforge.engine.vocab;

import io.tagforge.labelsystem.ramformat.RamTagList;
import io.tagforge.labelsystem.ramformat.TextLines;
import java.nio.file.Path;

/** The line count of a RAM folder's name list, for a default release name such as ram-4585. */
final class TagListCount {

    private TagListCount() {
    }

    static int of(Path ramDir) {
        return TextLines.read(ramDir.resolve(RamTagList.NAMES_FILE)).lines().size();
    }
}
