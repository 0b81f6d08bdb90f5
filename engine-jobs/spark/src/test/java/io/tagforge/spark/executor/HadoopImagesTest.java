package io.tagforge.spark.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tagforge.engine.model.ImageFiles;
import io.tagforge.labelsystem.shareddata.SharedData;
import io.tagforge.spark.InProcessHdfs;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * COCO-MINI images read through Hadoop's FileSystem API, from the local file system and from an in-process HDFS,
 * against the engine's local read of the same files.
 */
class HadoopImagesTest {

    private static final Path COCO_MINI = SharedData.dir().resolve("datasets/coco-mini").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void imagesUnderAFileRootDecodeToTheSamePixelsAsTheLocalRead() throws Exception {
        HadoopImages images = new HadoopImages(COCO_MINI.toUri().toString(), Map.of());
        assertThat(images.root()).startsWith("file:///");
        assertReadsTheLocalPixels(images, fiveImages());
    }

    @Test
    void imagesUnderAnHdfsRootDecodeToTheSamePixelsAsTheLocalRead() throws Exception {
        List<String> paths = fiveImages();
        try (InProcessHdfs hdfs = new InProcessHdfs("hadoop-images-hdfs")) {
            for (String path : paths) {
                hdfs.copy(COCO_MINI.resolve(path), "/coco-mini/" + path);
            }
            HadoopImages images = new HadoopImages(hdfs.uri("/coco-mini"), Map.of());
            assertThat(images.root()).matches("hdfs://localhost:\\d+/coco-mini");
            assertReadsTheLocalPixels(images, paths);
        }
    }

    /** The first five of COCO-MINI val2017's images, relative to its root. */
    private static List<String> fiveImages() throws IOException {
        List<String> paths;
        try (Stream<Path> files = Files.list(COCO_MINI.resolve("val2017"))) {
            paths = files.map(f -> "val2017/" + f.getFileName()).filter(p -> p.endsWith(".jpg")).sorted().limit(5).toList();
        }
        assertThat(paths).hasSize(5);
        return paths;
    }

    private static void assertReadsTheLocalPixels(HadoopImages images, List<String> paths) throws IOException {
        for (String path : paths) {
            BufferedImage local = ImageFiles.read(COCO_MINI.resolve(path));
            BufferedImage hadoop = images.read(path);
            assertThat(hadoop.getWidth()).as(path).isEqualTo(local.getWidth()).isGreaterThan(100);
            assertThat(hadoop.getHeight()).as(path).isEqualTo(local.getHeight());
            assertThat(pixels(hadoop)).as(path).isEqualTo(pixels(local));
        }
    }

    @Test
    void anAbsolutePathIsReadAsItIsWithoutARootOnTheLocalFileSystem() throws Exception {
        Path file = COCO_MINI.resolve("val2017/000000000139.jpg");
        BufferedImage local = ImageFiles.read(file);
        assertThat(pixels(new HadoopImages(null, Map.of()).read(file.toString()))).isEqualTo(pixels(local));
        assertThat(pixels(new HadoopImages(dir.toUri().toString(), Map.of()).read(file.toString())))
                .isEqualTo(pixels(local));
    }

    @Test
    void pathsResolveUnderTheRootsFileSystem() {
        HadoopImages hdfs = new HadoopImages("hdfs://namenode:8020/coco", Map.of());
        assertThat(hdfs.resolve("val2017/1.jpg")).hasToString("hdfs://namenode:8020/coco/val2017/1.jpg");
        assertThat(hdfs.resolve("/elsewhere/2.jpg")).hasToString("hdfs://namenode:8020/elsewhere/2.jpg");
        assertThat(hdfs.resolve("a:b.jpg")).hasToString("hdfs://namenode:8020/coco/a:b.jpg");
        assertThat(hdfs.resolve("s3a://bucket/3.jpg")).hasToString("s3a://bucket/3.jpg");
        assertThat(new HadoopImages(null, Map.of()).resolve("/data/4.jpg")).hasToString("file:/data/4.jpg");
    }

    @Test
    void missingTruncatedAndUrlImagesFailNamingTheImage() throws Exception {
        byte[] jpeg = Files.readAllBytes(COCO_MINI.resolve("val2017/000000000139.jpg"));
        Files.write(dir.resolve("truncated.jpg"), Arrays.copyOf(jpeg, jpeg.length / 3));
        Files.writeString(dir.resolve("text.jpg"), "not an image");
        HadoopImages images = new HadoopImages(dir.toUri().toString(), Map.of());
        String root = "file:" + dir;

        assertThatThrownBy(() -> images.read("missing.jpg")).isInstanceOf(IOException.class)
                .hasMessageStartingWith(root + "/missing.jpg: cannot open: ");
        // the local read's complaint about the same file, under the Hadoop path's name
        String local = catchThrowableOfType(IOException.class, () -> ImageFiles.read(dir.resolve("truncated.jpg")))
                .getMessage();
        assertThat(local).startsWith(dir.resolve("truncated.jpg") + ": ").hasSizeGreaterThan(dir.toString().length() + 20);
        assertThatThrownBy(() -> images.read("truncated.jpg")).isInstanceOf(IOException.class)
                .hasMessage(root + "/truncated.jpg" + local.substring(dir.resolve("truncated.jpg").toString().length()));
        assertThatThrownBy(() -> images.read("text.jpg")).isInstanceOf(IOException.class)
                .hasMessage(root + "/text.jpg: not an image format Java can decode");
        assertThatThrownBy(() -> images.read("https://example.org/5.jpg")).isInstanceOf(IOException.class)
                .hasMessage("https://example.org/5.jpg: a URL; only image files are read");
    }

    @Test
    void theSessionsHadoopSettingsTravelWithTheImages() {
        var conf = new org.apache.spark.SparkConf(false).set("spark.hadoop.fs.s3a.endpoint", "http://minio:9000")
                .set("spark.executor.memory", "2g");
        HadoopImages images = HadoopImages.of(null, "s3a://bucket/coco", conf);
        assertThat(images.hadoop()).containsExactly(Map.entry("fs.s3a.endpoint", "http://minio:9000"));
        assertThat(images.root()).isEqualTo("s3a://bucket/coco");
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
