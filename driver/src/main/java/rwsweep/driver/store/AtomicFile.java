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
        // exactly Hadoop's local file system: a subclass (a test's fault-injecting disk) keeps its own calls
        if (fileSystem.getClass() == org.apache.hadoop.fs.LocalFileSystem.class
                || fileSystem.getClass() == org.apache.hadoop.fs.RawLocalFileSystem.class) {
            return writeOnceLocal(new java.io.File(fileSystem.makeQualified(target).toUri()).toPath(), tag, body);
        }
        Path temp = temp(target, tag);
        try (FSDataOutputStream out = fileSystem.create(temp, true)) {
            body.writeTo(out);
            out.hsync();
        } catch (IOException | RuntimeException e) {
            fileSystem.delete(temp, false);
            throw e;
        }
        if (fileSystem.exists(target)) {
            fileSystem.delete(temp, false);
            return false;
        }
        if (fileSystem.rename(temp, target)) return true;
        fileSystem.delete(temp, false);
        if (fileSystem.exists(target)) return false;
        throw new IOException("could not rename " + temp + " to " + target);
    }

    /**
     * {@link #writeOnce} on the local disk with the JDK's own calls: Hadoop's local create sets the
     * new file's permissions by forking {@code chmod} when its native library is absent (the usual
     * case), about 10 ms a record, half of a short trial's cost outside its training. No .crc file
     * beside a local record either: Hadoop would rename it apart from the record, and reading
     * 100,000 records each with a checksum file takes twice the system calls.
     */
    private static boolean writeOnceLocal(java.nio.file.Path target, String tag, Body body) throws IOException {
        java.nio.file.Path temp = target.resolveSibling("." + target.getFileName() + "." + tag + ".tmp");
        java.nio.file.Files.createDirectories(target.getParent());   // as Hadoop's create makes the parents
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(temp,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING,
                java.nio.file.StandardOpenOption.WRITE)) {
            body.writeTo(java.nio.channels.Channels.newOutputStream(channel));
            channel.force(true);   // durable before it is visible under its name
        } catch (IOException | RuntimeException e) {
            java.nio.file.Files.deleteIfExists(temp);
            throw e;
        }
        if (java.nio.file.Files.exists(target)) {
            java.nio.file.Files.delete(temp);
            return false;
        }
        java.nio.file.Files.move(temp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return true;
    }
}
