package rwsweep.driver.store;

import java.io.IOException;
import java.net.URI;
import java.util.EnumSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.util.Progressable;

/**
 * HDFS's own client with {@link FaultyFileSystem}'s armed fault: the Nth rename or delete (counted
 * and armed there) returns false, throws, or crashes the writer before or after it, and after a
 * crash every operation throws. Registered for the scheme hdfs itself ({@link #conf()}), so the
 * store sees ordinary hdfs:// paths and replaces files with HDFS's overwriting rename.
 */
public class FaultyHdfs extends DistributedFileSystem {
    /** Hadoop settings under which hdfs:// is this client (also for FileContext), never cached. */
    public static Configuration conf() {
        Configuration conf = new Configuration();
        conf.set("fs.hdfs.impl", FaultyHdfs.class.getName());
        conf.set("fs.AbstractFileSystem.hdfs.impl", Context.class.getName());
        conf.setBoolean("fs.hdfs.impl.disable.cache", true);
        return conf;
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        return FaultyFileSystem.step("rename " + src.getName() + " -> " + dst.getName(), () -> super.rename(src, dst));
    }

    /** The overwriting rename FileContext asks for: one counted step, like the others. */
    @Override
    @SuppressWarnings("deprecation")
    public void rename(Path src, Path dst, Options.Rename... options) throws IOException {
        boolean done = FaultyFileSystem.step("rename " + src.getName() + " -> " + dst.getName() + " (overwrite)", () -> {
            super.rename(src, dst, options);
            return true;
        });
        if (!done) throw new IOException("rename " + src + " to " + dst + " refused");
    }

    @Override
    public boolean delete(Path f, boolean recursive) throws IOException {
        return FaultyFileSystem.step("delete " + f.getName(), () -> super.delete(f, recursive));
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize, short replication,
                                     long blockSize, Progressable progress) throws IOException {
        FaultyFileSystem.alive();
        return super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, EnumSet<CreateFlag> flags, int bufferSize, short replication,
                                     long blockSize, Progressable progress, Options.ChecksumOpt checksumOpt) throws IOException {
        FaultyFileSystem.alive();
        return super.create(f, permission, flags, bufferSize, replication, blockSize, progress, checksumOpt);
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        FaultyFileSystem.alive();
        return super.open(f, bufferSize);
    }

    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
        FaultyFileSystem.alive();
        return super.listStatus(f);
    }

    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
        FaultyFileSystem.alive();
        return super.getFileStatus(f);
    }

    @Override
    public boolean mkdirs(Path f, FsPermission permission) throws IOException {
        FaultyFileSystem.alive();
        return super.mkdirs(f, permission);
    }

    /** The same client for FileContext. */
    public static final class Context extends DelegateToFileSystem {
        public Context(URI uri, Configuration conf) throws IOException, java.net.URISyntaxException {
            super(uri, new FaultyHdfs(), conf, "hdfs", true);
        }

        @Override
        public int getUriDefaultPort() { return 8020; }
    }
}
