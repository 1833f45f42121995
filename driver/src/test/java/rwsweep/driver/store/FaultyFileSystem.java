package rwsweep.driver.store;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local disk under the test scheme {@code faulty:}, with one rename or delete made to go wrong:
 * the Nth one (counted from {@link #arm}) returns false, throws, or "crashes the writer" — after it
 * (or instead of it) every later operation throws, as if the process had died there. Registered
 * with {@link #conf()}; not a local file system to the store, so replacing a file goes through
 * {@code FileContext.rename(OVERWRITE)}, one counted step here like every rename and delete.
 */
public class FaultyFileSystem extends FilterFileSystem {
    /** What the armed operation does. */
    public enum Fault { RETURN_FALSE, THROW, CRASH_BEFORE, CRASH_AFTER }

    private static int armedAt = -1;
    private static String armedTarget;   // or: the first rename to a file of this name goes wrong
    private static Fault fault;
    private static int count;
    private static boolean dead;
    private static final List<String> LOG = new ArrayList<>();

    public FaultyFileSystem() {
        super(new RawLocalFileSystem() {
            @Override
            public URI getUri() { return URI.create("faulty:///"); }

            @Override
            public String getScheme() { return "faulty"; }
        });
    }

    /** Hadoop settings that make {@code faulty:///path} this file system (also for FileContext). */
    public static Configuration conf() {
        Configuration conf = new Configuration();
        conf.set("fs.faulty.impl", FaultyFileSystem.class.getName());
        conf.set("fs.AbstractFileSystem.faulty.impl", Context.class.getName());
        conf.setBoolean("fs.faulty.impl.disable.cache", true);
        return conf;
    }

    /** From now on count renames and deletes; the {@code n}th (1-based; 0: none) goes wrong as {@code f}. */
    public static synchronized void arm(int n, Fault f) {
        armedAt = n;
        armedTarget = null;
        fault = f;
        count = 0;
        dead = false;
        LOG.clear();
    }

    /** As {@link #arm}, but the first rename onto a file named {@code targetName} goes wrong, whatever its place. */
    public static synchronized void armRenameTo(String targetName, Fault f) {
        arm(0, f);
        armedTarget = targetName;
    }

    /** Renames and deletes since {@link #arm}. */
    public static synchronized List<String> operations() { return List.copyOf(LOG); }

    public static synchronized void disarm() { arm(0, null); }

    @Override
    public String getScheme() { return "faulty"; }

    static synchronized void alive() throws IOException {
        if (dead) throw new IOException("crashed");
    }

    /** A rename or delete, run when no fault is armed for it. */
    interface Op { boolean run() throws IOException; }

    /** Runs one counted operation (of this or another file system: {@link FaultyHdfs}) with the armed fault. */
    static boolean step(String what, Op op) throws IOException {
        Fault f;
        synchronized (FaultyFileSystem.class) {
            alive();
            count++;
            LOG.add(what);
            boolean hit = count == armedAt || (armedTarget != null && what.endsWith(" -> " + armedTarget));
            if (hit) armedTarget = null;
            f = hit ? fault : null;
            if (f == Fault.CRASH_BEFORE) dead = true;
        }
        if (f == null) return op.run();
        switch (f) {
            case RETURN_FALSE: return false;
            case THROW: throw new IOException("injected failure at " + what);
            case CRASH_BEFORE: throw new IOException("crashed before " + what);
            case CRASH_AFTER:
                op.run();
                synchronized (FaultyFileSystem.class) { dead = true; }
                throw new IOException("crashed after " + what);
            default: throw new AssertionError(f);
        }
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        return step("rename " + src.getName() + " -> " + dst.getName(), () -> super.rename(src, dst));
    }

    /** The overwriting rename FileContext asks for: one counted step, like the others. */
    @Override
    @SuppressWarnings("deprecation")
    protected void rename(Path src, Path dst, org.apache.hadoop.fs.Options.Rename... options) throws IOException {
        boolean done = step("rename " + src.getName() + " -> " + dst.getName() + " (overwrite)", () -> {
            super.rename(src, dst, options);
            return true;
        });
        if (!done) throw new IOException("rename " + src + " to " + dst + " refused");
    }

    @Override
    public boolean delete(Path f, boolean recursive) throws IOException {
        return step("delete " + f.getName(), () -> super.delete(f, recursive));
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize, short replication,
                                     long blockSize, Progressable progress) throws IOException {
        alive();
        return super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        alive();
        return super.open(f, bufferSize);
    }

    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
        alive();
        return super.listStatus(f);
    }

    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
        alive();
        return super.getFileStatus(f);
    }

    @Override
    public boolean mkdirs(Path f, FsPermission permission) throws IOException {
        alive();
        return super.mkdirs(f, permission);
    }

    /** The same file system for FileContext. */
    public static final class Context extends DelegateToFileSystem {
        public Context(URI uri, Configuration conf) throws IOException, java.net.URISyntaxException {
            super(uri, new FaultyFileSystem(), conf, "faulty", false);
        }
    }
}
