package io.tagforge.spark;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * An HDFS in the test JVM (Hadoop's MiniDFSCluster: a namenode and one datanode on free localhost ports), its
 * storage in a folder of target/ that closing deletes.
 */
public final class InProcessHdfs implements AutoCloseable {

    private final MiniDFSCluster cluster;

    public InProcessHdfs(String name) throws IOException {
        Path base = Path.of("target", name).toAbsolutePath();
        Configuration conf = new Configuration();
        // closing a file waits until the datanode has reported its block, polling from 400 ms up: half a minute
        // for a folder of 159 images; from 10 ms, a few seconds
        conf.setInt("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 10);
        cluster = new MiniDFSCluster.Builder(conf, base.toFile()).numDataNodes(1).build();
        cluster.waitActive();
    }

    /** Copies a local folder, or file, to {@code target}, an absolute HDFS path (its parents made as needed). */
    public void copy(Path local, String target) throws IOException {
        cluster.getFileSystem().copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()),
                new org.apache.hadoop.fs.Path(target));
    }

    /** {@code hdfs://localhost:PORT} and the absolute path. */
    public String uri(String path) {
        return cluster.getURI() + path;
    }

    @Override
    public void close() {
        cluster.shutdown(true);
    }
}
