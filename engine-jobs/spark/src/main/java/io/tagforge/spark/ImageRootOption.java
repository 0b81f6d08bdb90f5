package io.tagforge.spark;

import picocli.CommandLine.Option;

/** {@code --image-root URI}: where the executors of an image stage (generate, clean) read the dataset's images. */
public final class ImageRootOption {

    @Option(names = "--image-root", paramLabel = "URI", description = "Where executors read the dataset's images, "
            + "through Hadoop's FileSystem API: file:///..., hdfs://HOST:PORT/..., s3a://BUCKET/... (with hadoop-aws) "
            + "(default: the dataset's image folder, at the same path on every executor).")
    String uri;

    /** The root asked for, or null for the dataset's own folder. */
    public String uri() {
        return uri;
    }
}
