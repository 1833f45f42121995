package rwsweep.driver.store;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real HDFS in the test JVM (Hadoop's MiniDFSCluster: a NameNode and one DataNode on 127.0.0.1,
 * from hadoop-client-minicluster, the Hadoop version Spark brings). It takes seconds to start, so it
 * starts once per test JVM, for the first class that asks ({@code @ExtendWith(MiniHdfs.class)}),
 * and stops when JUnit ends the run; each test works in a directory of its own under
 * {@link #uri()}.
 */
public final class MiniHdfs implements BeforeAllCallback {
    private static MiniDFSCluster cluster;
    private static long startMillis;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (MiniHdfs.class) {
            if (cluster != null) return;
            long t0 = System.nanoTime();
            File base = Files.createTempDirectory("rwsweep-minidfs").toFile();
            Configuration conf = new Configuration();
            conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.getAbsolutePath());
            // loopback only, and no web UI: the tests use the RPC port alone
            conf.set("dfs.namenode.http-address", "127.0.0.1:0");
            conf.set("dfs.datanode.http.address", "127.0.0.1:0");
            conf.set("dfs.datanode.address", "127.0.0.1:0");
            conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
            conf.setBoolean("dfs.permissions.enabled", false);
            cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).format(true).build();
            cluster.waitActive();
            startMillis = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("MiniDFSCluster up at " + uri() + " in " + startMillis + " ms");
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(MiniHdfs.class.getName(),
                    (ExtensionContext.Store.CloseableResource) MiniHdfs::stop);
        }
    }

    private static synchronized void stop() {
        if (cluster == null) return;
        try {
            FileSystem.closeAll(); // cached clients of the cluster, so none retries against a stopped NameNode
        } catch (IOException ignored) {
            // closing clients of a cluster about to stop
        }
        cluster.shutdown(true);
        cluster = null;
    }

    /** hdfs://127.0.0.1:PORT, the cluster's file system. */
    public static synchronized String uri() {
        if (cluster == null) throw new IllegalStateException("no MiniDFSCluster: annotate the class @ExtendWith(MiniHdfs.class)");
        return "hdfs://127.0.0.1:" + cluster.getNameNodePort();
    }

    /** A fresh directory on the cluster, hdfs://…/NAME-N (not created). */
    public static String dir(String name) {
        return uri() + "/" + name + "-" + System.nanoTime();
    }

    /** The cluster's file system, for a test to look at or damage what a run wrote. */
    public static FileSystem fs() {
        try {
            return FileSystem.get(java.net.URI.create(uri()), new Configuration());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
