package rwsweep.driver.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes a file so that readers see either nothing or all of it: write a hidden temp file beside
 * the target, sync it, then rename it onto the target name.
 *
 * <p>Two ways: {@link #writeOnce} for a trial's record (the first record of a key wins; a retried
 * task's second record is dropped), and {@link #replace} for the files a run rewrites
 * (sweep.yaml, trials.csv, the lease): one rename that overwrites, so at every instant the old or
 * the new file is there, never neither. Temp names start with "." ({@code .NAME.TAG.tmp}), so
 * Spark, pandas/pyarrow and {@link ResultStore} skip them, and each writer's tag is its own, so two
 * attempts never write into one temp file. A temp file a killed writer left is removed by the next
 * run's compaction.
 */
public final class AtomicFile {
    /** Writes the contents of one file. */
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() { }

    static Path temp(Path target, String tag) {
        return new Path(target.getParent(), "." + target.getName() + "." + tag + ".tmp");
    }

    /** Replaces {@code target} with {@code text} (UTF-8). */
    static void replace(StoreFileSystem files, Path target, String text) throws IOException {
        replace(files, target, "w" + ProcessHandle.current().pid(), out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Replaces {@code target} with what {@code body} writes: temp file, sync, one overwriting rename. */
    static void replace(StoreFileSystem files, Path target, String tag, Body body) throws IOException {
        Path temp = temp(target, tag);
        try {
            try (FSDataOutputStream out = files.createRaw(temp)) {
                body.writeTo(out);
                out.hsync();
            }
            files.replace(temp, target);
        } catch (IOException | RuntimeException e) {
            try {
                files.delete(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * Writes {@code target} through a temp file {@code .NAME.TAG.tmp} unless a file of that name
     * exists: then the new contents are dropped and false returned (another writer got there first).
     * Checked, not left to rename: POSIX rename replaces the target, HDFS's refuses. Two writers
     * racing past the check both write whole files of the same name and content.
     *
     * @return whether this call's contents are now at {@code target}
     */
    public static boolean writeOnce(FileSystem fileSystem, Path target, String tag, Body body) throws IOException {
        // No .crc file beside a local record: Hadoop would rename it apart from the record, and
        // reading 100,000 records each with a checksum file takes twice the system calls.
        FileSystem fs = fileSystem instanceof org.apache.hadoop.fs.LocalFileSystem local ? local.getRaw() : fileSystem;
        Path temp = temp(target, tag);
        try (FSDataOutputStream out = fs.create(temp, true)) {
            body.writeTo(out);
            out.hsync();
        } catch (IOException | RuntimeException e) {
            fs.delete(temp, false);
            throw e;
        }
        if (fs.exists(target)) {
            fs.delete(temp, false);
            return false;
        }
        if (fs.rename(temp, target)) return true;
        fs.delete(temp, false);
        if (fs.exists(target)) return false;
        throw new IOException("could not rename " + temp + " to " + target);
    }
}
