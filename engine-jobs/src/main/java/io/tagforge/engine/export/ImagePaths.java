package io.tagforge.engine.export;

/** How an export writes {@code image_path}: relative to the dataset's image root (RAM's default), or absolute. */
public enum ImagePaths {
    RELATIVE, ABSOLUTE
}
