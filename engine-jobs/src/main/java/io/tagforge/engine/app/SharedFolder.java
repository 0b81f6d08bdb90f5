package io.tagforge.engine.app;

import io.tagforge.labelsystem.shareddata.SharedData;
import java.nio.file.Path;

/**
 * The shared folder (RAM's tag lists, the COCO data) as a bean, so that a test's context can point it elsewhere
 * ({@code tagforge.shared}); where it is found is {@link SharedData}'s to say.
 */
public record SharedFolder(Path dir) {

    public static SharedFolder locate() {
        return new SharedFolder(SharedData.dir());
    }

    public Path resolve(String other) {
        return dir.resolve(other);
    }
}
