package io.tagforge.engine.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagforge.engine.job.JobContext;
import io.tagforge.engine.job.JobListener;
import io.tagforge.engine.job.JobRecord;
import io.tagforge.engine.job.JobRunner;
import io.tagforge.engine.job.JobStore;
import io.tagforge.labelsystem.assignment.AssignmentState;
import io.tagforge.labelsystem.error.TagforgeException;
import io.tagforge.labelsystem.ramformat.RamTagListExport;
import io.tagforge.labelsystem.release.ReleaseEntry;
import io.tagforge.labelsystem.transaction.Transactions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The export job: a dataset's images under a release's ID space, written as a training file (plus a held-out part
 * when split), the release's tag lists and a manifest, all staged and renamed into place, then recorded as an
 * {@code export} row. The file is written in one pass; a failed or cancelled run leaves nothing under the final
 * names and its rerun starts the file afresh.
 */
public final class ExportJob {

    public static final String KIND = "export";
    private static final int PROGRESS_STEP = 1000;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Pair states exported: ACTIVE, ACCEPTED; FLAGGED only on request; REJECTED never. */
    private static final Set<AssignmentState> REVIEWED_STATES = EnumSet.of(AssignmentState.ACTIVE, AssignmentState.ACCEPTED);
    private static final Set<AssignmentState> UNREVIEWED_STATES = EnumSet.of(AssignmentState.ACTIVE,
            AssignmentState.ACCEPTED, AssignmentState.FLAGGED);

    private final ExportRequest request;

    public ExportJob(ExportRequest request) {
        this.request = request;
    }

    /** Runs the export in this thread, continuing an unfinished job of the same request. */
    public static JobRecord run(Transactions transactions, ExportRequest request, String createdBy, JobListener listener)
            throws Exception {
        return new JobRunner(new JobStore(transactions))
                .runOrResume(KIND, request.toParams(), createdBy, new ExportJob(request)::run, listener);
    }

    /** The manifest written beside {@code out}: {@code NAME.manifest.json} for {@code NAME.json}. */
    public static Path manifestPath(Path out) {
        return sibling(out, "manifest");
    }

    /** The held-out part's file: {@code NAME.val.json} for {@code NAME.json} and part {@code val}. */
    public static Path partPath(Path out, String part) {
        return sibling(out, part);
    }

    private static Path sibling(Path out, String infix) {
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : ".json";
        return out.resolveSibling(stem + "." + infix + (infix.equals("manifest") ? ".json" : ext));
    }

    public void run(JobContext ctx) throws Exception {
        if (ctx.checkpoint() != null && ctx.checkpoint().has("exportId")) {
            return;
        }
        requireOwnFolder(request.out().getParent());
        List<StagedFile> staged = new ArrayList<>();
        try {
            ObjectNode manifest;
            int datasetId;
            int releaseId;
            try (Snapshot snapshot = Snapshot.open(ctx.transactions(), 2)) {
                Connection c = snapshot.connection(0);
                Dataset dataset = dataset(c);
                datasetId = dataset.id();
                ReleaseIndex release = ReleaseIndex.load(c, request.release());
                releaseId = release.releaseId();
                ctx.total(countImages(c, datasetId));
                manifest = write(ctx, snapshot, dataset, release, staged);
                if (manifest == null) {
                    return;
                }
            }
            ArrayNode tagFiles = manifest.putArray("tag_files");
            for (Map.Entry<String, byte[]> file : new RamTagListExport(ctx.dataSource()).files(request.release())
                    .entrySet()) {
                StagedFile f = StagedFile.of(request.out().resolveSibling(file.getKey()), file.getValue());
                staged.add(f);
                tagFiles.addObject().put("file", file.getKey()).put("sha256", f.sha256());
            }
            byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
            staged.add(StagedFile.of(manifestPath(request.out()), manifestBytes));
            if (ctx.cancelRequested()) {
                staged.forEach(StagedFile::discard);
                return;
            }
            for (StagedFile f : staged) {
                f.publish();
            }
            record(ctx, datasetId, releaseId, manifest);
        } catch (Exception | Error e) {
            staged.forEach(StagedFile::discard);
            throw e;
        }
    }

    /** Writes the records; returns the manifest so far, or null when cancelled. */
    private ObjectNode write(JobContext ctx, Snapshot snapshot, Dataset dataset, ReleaseIndex release,
                             List<StagedFile> staged) throws Exception {
        Split split = request.split();
        long[] imagesPerTag = new long[release.size()];
        long withoutCaption = 0;
        long seen = 0;
        ObjectNode manifest = JSON.createObjectNode();
        try (ImageRecords records = new ImageRecords(snapshot.connection(0), snapshot.connection(1), dataset.id(),
                release, request.policy(), request.includeUnreviewed() ? UNREVIEWED_STATES : REVIEWED_STATES,
                request.paths() == ImagePaths.ABSOLUTE ? dataset.imageRoot() : null);
             RecordWriter main = new RecordWriter(request.out(), request.format(), release);
             RecordWriter heldOut = split == null ? null
                     : new RecordWriter(partPath(request.out(), split.name()), request.format(), release)) {
            while (records.next()) {
                if (++seen % PROGRESS_STEP == 0) {
                    ctx.advance(PROGRESS_STEP);
                    if (ctx.cancelRequested()) {
                        return null;
                    }
                }
                if (records.captions().isEmpty()) {
                    // RAM's loader draws one caption per image and fails on none
                    withoutCaption++;
                    continue;
                }
                (heldOut != null && split.holdsOut(records.path()) ? heldOut : main).write(records);
                IdList union = records.union();
                for (int i = 0; i < union.size(); i++) {
                    imagesPerTag[union.get(i)]++;
                }
            }
            ctx.advance(seen % PROGRESS_STEP);
            manifest.put("format", request.format().code())
                    .put("dataset", request.dataset())
                    // RAM's config names this folder (image_path_root); relative image_path values start there
                    .put("image_root", dataset.imageRoot())
                    .put("paths", request.paths().name())
                    .put("release", release.name())
                    .put("class_num", release.size());
            manifest.set("policy", request.policyJson());
            manifest.put("images", main.images() + (heldOut == null ? 0 : heldOut.images()))
                    .put("images_without_caption_skipped", withoutCaption)
                    .put("captions", records.captionRows())
                    .put("assignments", records.assignmentRows())
                    .put("assignments_outside_release", records.outsideRelease());
            ArrayNode files = manifest.putArray("files");
            staged.add(describe(files.addObject().put("part", split == null ? "all" : "train"), main));
            if (heldOut != null) {
                staged.add(describe(files.addObject().put("part", split.name()), heldOut));
            }
            ctx.count("images", manifest.get("images").asLong());
            ctx.count("captions", records.captionRows());
            ctx.count("assignments", records.assignmentRows());
        }
        ArrayNode counts = manifest.putArray("tag_counts");
        for (ReleaseEntry e : release.entries()) {
            counts.addObject().put("id", e.index()).put("name", e.name()).put("images", imagesPerTag[e.index()]);
        }
        return manifest;
    }

    private static StagedFile describe(ObjectNode file, RecordWriter writer) throws java.io.IOException {
        long images = writer.images();
        StagedFile staged = writer.finish();
        file.put("file", staged.target().getFileName().toString()).put("images", images).put("sha256", staged.sha256());
        return staged;
    }

    /** The export row commits with the job's final checkpoint, which a rerun of a finished job finds. */
    private void record(JobContext ctx, int datasetId, int releaseId, ObjectNode manifest) {
        ObjectNode done = JSON.createObjectNode();
        ctx.commitBatch(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO export (dataset_id, release_id, job_id, format,"
                    + " policy, file, manifest) VALUES (?, ?, ?, ?, ?::jsonb, ?, ?::jsonb) RETURNING id")) {
                ps.setInt(1, datasetId);
                ps.setInt(2, releaseId);
                ps.setLong(3, ctx.jobId());
                ps.setString(4, request.format().code());
                ps.setString(5, request.policyJson().toString());
                ps.setString(6, request.out().toString());
                ps.setString(7, manifest.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    // read by commitBatch right after this write, when it stores the checkpoint
                    done.put("exportId", rs.getLong(1));
                }
            }
        }, done, 0, Map.of());
    }

    private record Dataset(int id, String imageRoot) {
    }

    private Dataset dataset(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, image_root FROM dataset WHERE name = ?")) {
            ps.setString(1, request.dataset());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new TagforgeException("dataset: no dataset named \"" + request.dataset() + "\"");
                }
                Dataset dataset = new Dataset(rs.getInt(1), rs.getString(2));
                if (request.paths() == ImagePaths.ABSOLUTE && dataset.imageRoot() == null) {
                    throw new TagforgeException("paths: absolute paths need the image folder of dataset " + request.dataset() + ", and it has none");
                }
                return dataset;
            }
        }
    }

    /**
     * An export's folder holds that export alone, so a later export never overwrites an earlier one's tag
     * lists or manifest: the folder must be new or empty (a failed run's hidden temporary files aside).
     */
    private static void requireOwnFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            Optional<Path> other = entries.filter(p -> !p.getFileName().toString().startsWith(".")).findFirst();
            if (other.isPresent()) {
                throw new TagforgeException("out: " + folder + " already holds " + other.get().getFileName()
                        + "; each export needs a folder of its own (new or empty)");
            }
        }
    }

    private static long countImages(Connection c, int datasetId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM image WHERE dataset_id = ? AND NOT missing")) {
            ps.setInt(1, datasetId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
