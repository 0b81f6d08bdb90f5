package io.tagforge.spark.executor;

import io.tagforge.engine.images.DatasetImages;
import io.tagforge.engine.model.ImageFiles;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;

/**
 * A dataset's images as executors read them: through Hadoop's FileSystem API under a root URI
 * ({@code file:///data/coco}, {@code hdfs://namenode:8020/coco}, {@code s3a://bucket/coco} with hadoop-aws on the
 * classpath), decoded by the engine's {@link ImageFiles}. Travels to executors in a task's closure with the
 * session's {@code spark.hadoop.*} settings, which each executor JVM applies once to its Hadoop configuration
 * (as Spark does for its own Hadoop reads).
 *
 * @param root   the URI image paths are relative to; null when they are absolute
 * @param hadoop the session's {@code spark.hadoop.*} settings, without the prefix
 */
public record HadoopImages(String root, Map<String, String> hadoop) implements Serializable {

    private static final String HADOOP_PREFIX = "spark.hadoop.";
    private static final Pattern URI = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://.*");
    private static final Map<Map<String, String>, Configuration> CONFIGURATIONS = new ConcurrentHashMap<>();

    public HadoopImages {
        hadoop = new TreeMap<>(hadoop);
    }

    /**
     * The dataset's images under {@code root} (a URI; null: the dataset's image root on the local file system,
     * which every executor must then see at the same path), with the driver's {@code spark.hadoop.*} settings.
     */
    public static HadoopImages of(DatasetImages dataset, String root, SparkConf conf) {
        Map<String, String> hadoop = new TreeMap<>();
        for (var setting : conf.getAllWithPrefix(HADOOP_PREFIX)) {
            hadoop.put(setting._1(), setting._2());
        }
        String uri = root != null ? root
                : dataset.root() == null ? null : dataset.root().toAbsolutePath().normalize().toUri().toString();
        return new HadoopImages(uri, hadoop);
    }

    /**
     * Where an image path is: a URI ({@code scheme://...}) as it is, an absolute path on the root's file system,
     * a relative path under the root; without a root, a path of the local file system.
     */
    public Path resolve(String imagePath) {
        if (URI.matcher(imagePath).matches()) {
            return new Path(imagePath);
        }
        if (root == null) {
            return new Path("file", null, new File(imagePath).getAbsolutePath());
        }
        // the three-argument constructor takes the path literally: a ':' in a file name is no scheme
        return new Path(new Path(root), new Path(null, null, imagePath));
    }

    /**
     * Decodes an image; an IOException naming it when it is an HTTP URL (not read, as the local job does not),
     * missing, unreadable or truncated.
     */
    public BufferedImage read(String imagePath) throws IOException {
        if (imagePath.startsWith("http://") || imagePath.startsWith("https://")) {
            throw new IOException(imagePath + ": a URL; only image files are read");
        }
        Path path = resolve(imagePath);
        InputStream in;
        try {
            in = path.getFileSystem(configuration()).open(path);
        } catch (IOException e) {
            throw new IOException(path + ": cannot open: " + e.getMessage(), e);
        }
        try (in) {
            return ImageFiles.read(path.toString(), in);
        }
    }

    /** This JVM's Hadoop configuration for the settings: its defaults (core-site.xml, ...) with them on top. */
    private Configuration configuration() {
        return CONFIGURATIONS.computeIfAbsent(hadoop, settings -> {
            Configuration conf = new Configuration();
            settings.forEach(conf::set);
            return conf;
        });
    }
}
