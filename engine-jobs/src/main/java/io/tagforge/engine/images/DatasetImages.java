package io.tagforge.engine.images;

import io.tagforge.engine.model.ImageFiles;
import io.tagforge.labelsystem.error.TagforgeException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A dataset's images in id order, a batch at a time (keyset pagination: a job's checkpoint is the last id
 * it finished), and their files under the dataset's image root.
 */
public final class DatasetImages {

    private final int datasetId;
    private final Path root;

    private DatasetImages(int datasetId, Path root) {
        this.datasetId = datasetId;
        this.root = root;
    }

    /** The dataset of this name; a {@link TagforgeException} when there is none. */
    public static DatasetImages find(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, image_root FROM dataset WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new TagforgeException("dataset: no dataset named \"" + name + "\"");
                }
                String root = rs.getString(2);
                return new DatasetImages(rs.getInt(1), root == null ? null : Path.of(root));
            }
        }
    }

    public int datasetId() {
        return datasetId;
    }

    /** The folder image paths are relative to; null when they are absolute. */
    public Path root() {
        return root;
    }

    public long count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM image WHERE dataset_id = ? AND NOT missing")) {
            ps.setInt(1, datasetId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Up to {@code limit} images with ids above {@code afterId}, in id order. */
    public List<ImageRow> after(Connection c, long afterId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, path, width, height FROM image "
                + "WHERE dataset_id = ? AND id > ? AND NOT missing ORDER BY id LIMIT ?")) {
            ps.setInt(1, datasetId);
            ps.setLong(2, afterId);
            ps.setInt(3, limit);
            List<ImageRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new ImageRow(rs.getLong(1), rs.getString(2)));
                }
            }
            return rows;
        }
    }

    /** Decodes an image's file; an IOException naming the file when it is a URL, missing, unreadable or truncated. */
    public BufferedImage read(ImageRow image) throws IOException {
        if (image.path().startsWith("http://") || image.path().startsWith("https://")) {
            throw new IOException(image.path() + ": a URL; only local image files are read");
        }
        return ImageFiles.read(file(image.path()));
    }

    /** The local file of an image path. */
    public Path file(String path) {
        return root == null ? Path.of(path) : root.resolve(path);
    }

    /** An image row: id and path (relative to the image root, or absolute). */
    public record ImageRow(long id, String path) {
    }
}
