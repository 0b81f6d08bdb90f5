package io.tagforge.engine.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * A file written under a temporary name in its target's folder and renamed into place only when complete, so a
 * failed export never leaves a half file under the final name.
 */
public final class StagedFile {

    private final Path target;
    private final Path temporary;
    private final String sha256;

    private StagedFile(Path target, Path temporary, String sha256) {
        this.target = target;
        this.temporary = temporary;
        this.sha256 = sha256;
    }

    static StagedFile beside(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // createFile, not createTempFile (0600): the process's umask decides, so a training job under another
        // user can read the export
        Path temporary = Files.createFile(dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp"));
        return new StagedFile(target, temporary, null);
    }

    /** Writes {@code bytes} as a staged file with their hash. */
    public static StagedFile of(Path target, byte[] bytes) throws IOException {
        StagedFile staged = beside(target);
        try {
            Files.write(staged.temporary, bytes);
        } catch (IOException e) {
            staged.discard();
            throw e;
        }
        return staged.withSha256(Sha256.hex(bytes));
    }

    StagedFile withSha256(String hex) {
        return new StagedFile(target, temporary, hex);
    }

    Path target() {
        return target;
    }

    Path temporary() {
        return temporary;
    }

    String sha256() {
        return sha256;
    }

    public void publish() throws IOException {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public void discard() {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
            // a leftover hidden .tmp file is harmless and names itself
        }
    }
}
