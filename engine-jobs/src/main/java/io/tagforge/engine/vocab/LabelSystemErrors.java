package io.tagforge.engine.vocab;

import io.tagforge.labelsystem.error.TagforgeException;
import io.tagforge.labelsystem.ramformat.TagListImport;
import java.util.function.Supplier;

/** The label system's argument checks (IllegalArgumentException) turned into one-line user errors, and import reports. */
final class LabelSystemErrors {

    private LabelSystemErrors() {
    }

    /** prints what an import did; the exit code */
    static int report(TagListImport.Result result) {
        System.out.printf("release %s: %d tags (%d new, %d existing)%n", result.release().name(), result.tags(),
                result.created(), result.tags() - result.created());
        return 0;
    }

    static <T> T asUserErrors(Supplier<T> work) {
        try {
            return work.get();
        } catch (IllegalArgumentException e) {
            throw new TagforgeException(e.getMessage(), e);
        }
    }
}
