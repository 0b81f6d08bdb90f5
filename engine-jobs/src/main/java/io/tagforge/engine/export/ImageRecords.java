package io.tagforge.engine.export;

import io.tagforge.labelsystem.assignment.AssignmentSource;
import io.tagforge.labelsystem.assignment.AssignmentState;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A dataset's images, one at a time in image id order, each with its captions and training IDs: a merge of two
 * COPY streams sorted by image id (images with their captions; assignments), so memory holds one image whatever
 * the dataset's size. The two connections must share one snapshot ({@link Snapshot}) for the streams to agree.
 */
public final class ImageRecords implements AutoCloseable {

    private final ReleaseIndex release;
    private final String imageRoot;
    private final CopyRows images;
    private final CopyRows assignments;
    private boolean imagesLeft;
    private boolean assignmentsLeft;

    private long imageId;
    private String path;
    private final List<String> captionTexts = new ArrayList<>();
    private final List<Long> captionIds = new ArrayList<>();
    private final IdList union = new IdList();
    private final List<IdList> parsed = new ArrayList<>();

    private long captionRows;
    private long assignmentRows;
    private long outsideRelease;

    /** {@code imageRoot}: the folder relative paths are resolved against in {@link #exportedPath}, or null. */
    ImageRecords(Connection imageConnection, Connection assignmentConnection, int datasetId, ReleaseIndex release,
                 ExportPolicy policy, Set<AssignmentState> states, String imageRoot) throws SQLException {
        this.release = release;
        this.imageRoot = imageRoot;
        this.images = new CopyRows(imageConnection, imagesSql(datasetId, policy));
        try {
            this.assignments = new CopyRows(assignmentConnection, assignmentsSql(datasetId, policy, states));
        } catch (SQLException | RuntimeException e) {
            images.close();
            throw e;
        }
        this.imagesLeft = images.next();
        this.assignmentsLeft = assignments.next();
    }

    /** An image's row repeats for each of its captions, and comes once with a null caption when it has none. */
    public static String imagesSql(int datasetId, ExportPolicy policy) {
        return "SELECT i.id, i.path, c.id, c.text FROM image i LEFT JOIN caption c ON c.image_id = i.id"
                + " AND c.origin IN (" + list(policy.captionOrigins().stream()) + ")"
                + " WHERE i.dataset_id = " + datasetId + " AND NOT i.missing ORDER BY i.id, c.id";
    }

    /** The state that counts is the pair's (a pair absent from tag_pair is ACTIVE), whatever its rows say. */
    public static String assignmentsSql(int datasetId, ExportPolicy policy, Set<AssignmentState> states) {
        return "SELECT a.image_id, a.tag_id, a.caption_id FROM tag_assignment a LEFT JOIN tag_pair p"
                + " ON p.image_id = a.image_id AND p.tag_id = a.tag_id WHERE a.dataset_id = " + datasetId
                + " AND a.source IN (" + list(policy.sources().stream().map(AssignmentSource::code)) + ")"
                + " AND coalesce(p.state, " + AssignmentState.ACTIVE.code() + ") IN ("
                + list(states.stream().map(AssignmentState::code)) + ")"
                + " ORDER BY a.image_id";
    }

    private static String list(Stream<? extends Number> codes) {
        return codes.map(Number::intValue).sorted().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** Moves to the next image; false after the last. */
    boolean next() throws SQLException {
        if (!imagesLeft) {
            return false;
        }
        imageId = images.getLong(0);
        path = images.getString(1);
        captionTexts.clear();
        captionIds.clear();
        union.clear();
        while (imagesLeft && images.getLong(0) == imageId) {
            if (!images.isNull(2)) {
                captionIds.add(images.getLong(2));
                captionTexts.add(images.getString(3));
                captionRows++;
            }
            imagesLeft = images.next();
        }
        while (parsed.size() < captionTexts.size()) {
            parsed.add(new IdList());
        }
        for (int i = 0; i < captionTexts.size(); i++) {
            parsed.get(i).clear();
        }
        while (assignmentsLeft && assignments.getLong(0) <= imageId) {
            if (assignments.getLong(0) == imageId) {
                take(assignments);
            }
            assignmentsLeft = assignments.next();
        }
        union.sortUnique();
        for (int i = 0; i < captionTexts.size(); i++) {
            parsed.get(i).sortUnique();
        }
        return true;
    }

    private void take(CopyRows row) {
        assignmentRows++;
        int id = release.idOf(row.getInt(1));
        if (id < 0) {
            outsideRelease++;
            return;
        }
        union.add(id);
        if (!row.isNull(2)) {
            int caption = captionIds.indexOf(row.getLong(2));
            if (caption >= 0) {
                parsed.get(caption).add(id);
            }
        }
    }

    long imageId() {
        return imageId;
    }

    /** The path as stored: relative to the dataset's image root, or a URL. */
    String path() {
        return path;
    }

    /** The path as the export writes it. */
    String exportedPath() {
        if (imageRoot == null || path.startsWith("http://") || path.startsWith("https://")) {
            return path;
        }
        return java.nio.file.Path.of(imageRoot).resolve(path).toString();
    }

    List<String> captions() {
        return captionTexts;
    }

    IdList union() {
        return union;
    }

    /** The IDs parsed from caption {@code i}. */
    IdList parsed(int i) {
        return parsed.get(i);
    }

    long captionRows() {
        return captionRows;
    }

    /** Assignment rows read, whether in the release or not. */
    long assignmentRows() {
        return assignmentRows;
    }

    /** Assignments of tags the release does not hold (newer tags, deprecated ones): left out. */
    long outsideRelease() {
        return outsideRelease;
    }

    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (CopyRows rows : List.of(images, assignments)) {
            try {
                rows.close();
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
