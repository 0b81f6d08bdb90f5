package io.tagforge.curation.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the image files of registered datasets to signed-in users: {@code /dataset-images/{dataset}?path=...} where
 * path is an image row's path under the dataset's image_root. Anything else, a path climbing out of the root
 * (however encoded), an unregistered file, a symbolic link leading out, is refused without saying why.
 */
@RestController
class ImageFileController {

    private final JdbcClient jdbc;

    ImageFileController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/dataset-images/{datasetId}")
    ResponseEntity<FileSystemResource> image(@PathVariable int datasetId, @RequestParam String path) {
        Optional<Path> file = resolve(datasetId, path);
        if (file.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
        }
        MediaType type = MediaTypeFactory.getMediaType(file.get().getFileName().toString())
                .orElse(MediaType.APPLICATION_OCTET_STREAM);
        return ResponseEntity.ok().contentType(type)
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePrivate())
                .header("X-Content-Type-Options", "nosniff")
                .body(new FileSystemResource(file.get()));
    }

    /** The file when every check passes. */
    Optional<Path> resolve(int datasetId, String path) {
        if (path.isBlank() || path.indexOf('\0') >= 0 || path.contains("\\")) {
            return Optional.empty();
        }
        Optional<String> rootName = jdbc.sql("""
                        SELECT d.image_root FROM dataset d
                         WHERE d.id = ? AND d.image_root IS NOT NULL
                           AND EXISTS (SELECT 1 FROM image i WHERE i.dataset_id = d.id AND i.path = ?)""")
                .params(datasetId, path).query(String.class).optional();
        if (rootName.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path root = Path.of(rootName.get()).toAbsolutePath().normalize();
            Path candidate = root.resolve(path).normalize();
            if (Path.of(path).isAbsolute() || !candidate.startsWith(root) || !Files.isRegularFile(candidate)) {
                return Optional.empty();
            }
            // the lexical check passed; the real path catches symbolic links that lead out of the root
            Path real = candidate.toRealPath();
            return real.startsWith(root.toRealPath()) ? Optional.of(real) : Optional.empty();
        } catch (InvalidPathException | IOException e) {
            return Optional.empty();
        }
    }
}
