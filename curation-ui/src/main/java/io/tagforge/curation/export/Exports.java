package io.tagforge.curation.export;

import io.tagforge.curation.datasets.Jobs;
import io.tagforge.curation.security.Roles;
import io.tagforge.labelsystem.datahome.DataHome;
import io.tagforge.engine.dataset.DatasetStats;
import io.tagforge.engine.dataset.DatasetStore;
import io.tagforge.engine.export.ExportFormat;
import io.tagforge.engine.export.ExportJob;
import io.tagforge.engine.export.ExportPolicy;
import io.tagforge.engine.export.ExportRecord;
import io.tagforge.engine.export.ExportRecordRepository;
import io.tagforge.engine.export.ExportRequest;
import io.tagforge.labelsystem.release.Release;
import io.tagforge.labelsystem.release.Releases;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exports started from the UI: the engine's export job, each into a folder of its own under the app's export
 * folder ({@code tagforge.export-dir}, default {@code ~/.tagforge/exports}); finished exports are rows of table
 * export, and a finished export's folder comes as one zip.
 */
@Service
@RolesAllowed(Roles.CURATOR)
public class Exports {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** A finished export. */
    public record Done(long id, String dataset, String release, String format, String file, String manifest,
                       Instant createdAt, Long jobId) {
        public Path path() {
            return Path.of(file);
        }

        public Path manifestPath() {
            return ExportJob.manifestPath(path());
        }
    }

    private final Jobs jobs;
    private final ExportRecordRepository exports;
    private final DatasetStore datasets;
    private final Releases releases;
    private final Path folder;

    Exports(Jobs jobs, ExportRecordRepository exports, DatasetStore datasets, Releases releases,
            @Value("${tagforge.export-dir:}") String folder) {
        this.jobs = jobs;
        this.exports = exports;
        this.datasets = datasets;
        this.releases = releases;
        this.folder = (folder.isBlank() ? DataHome.fromEnvironment().resolve("exports") : Path.of(folder))
                .toAbsolutePath().normalize();
    }

    /** The datasets to export from. */
    public List<DatasetStats> datasets() {
        return datasets.all();
    }

    /** The releases to export with. */
    public List<Release> releases() {
        return releases.list();
    }

    /** Starts the export job; returns its id. */
    public long start(String dataset, String release, ExportFormat format, ExportPolicy policy, boolean includeUnreviewed) {
        String extension = format == ExportFormat.JSONL ? ".jsonl" : ".json";
        Path own = folder.resolve(dataset + "-" + release + "-" + STAMP.format(Instant.now()));
        for (int n = 2; Files.exists(own); n++) {
            own = own.resolveSibling(dataset + "-" + release + "-" + STAMP.format(Instant.now()) + "-" + n);
        }
        Path out = own.resolve(dataset + extension);
        try {
            Files.createDirectories(own);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot create the export folder " + own, e);
        }
        ExportRequest request = new ExportRequest(dataset, release, format, out, policy, includeUnreviewed, null);
        return jobs.start(ExportJob.KIND, request.toParams(), new ExportJob(request)::run);
    }

    /** The export's folder (training files, tag lists, manifest) as one zip, entries under the folder's name. */
    public void zip(Done done, OutputStream out) throws IOException {
        Path own = done.path().getParent();
        try (ZipOutputStream zip = new ZipOutputStream(out); Stream<Path> files = Files.list(own)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted().toList()) {
                zip.putNextEntry(new ZipEntry(own.getFileName() + "/" + file.getFileName()));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
    }

    @Transactional(readOnly = true)
    public List<Done> recent(int limit) {
        return exports.findByOrderByIdDesc(Limit.of(limit)).stream().map(Exports::done).toList();
    }

    /** The export a job made, once it has finished. */
    @Transactional(readOnly = true)
    public Optional<Done> ofJob(long jobId) {
        return exports.findByJobId(jobId).map(Exports::done);
    }

    private static Done done(ExportRecord e) {
        return new Done(e.id(), e.dataset(), e.release(), e.format(), e.file(), e.manifestText(), e.createdAt(),
                e.jobId());
    }
}
