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
 * <p>Rename is atomic on the local file system and HDFS. On S3A it is a copy then a delete: the
 * target object still appears whole (an S3 PUT/COPY is atomic per object), but a crash between the
 * two steps can leave the temp object behind. Temp names start with "." so Spark's file listing,
 * pandas/pyarrow and {@link ResultStore} all skip them, and each writer's temp name carries its
 * own tag, so two attempts at the same file never write into one temp file.
 */
public final class AtomicFile {
    /** Writes the contents of one file. */
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() { }

    /** Replaces {@code target} with {@code text} (UTF-8). */
    static void write(FileSystem fs, Path target, String text) throws IOException {
        write(fs, target, "w" + ProcessHandle.current().pid(), out -> out.write(text.getBytes(StandardCharsets.UTF_8)), true);
    }

    /**
     * Writes {@code target} through a temp file {@code .NAME.TAG.tmp}.
     *
     * @param replace whether an existing target is replaced; when false and the target exists, the
     *                new contents are dropped and false returned (another writer got there first)
     * @return whether this call's contents are now at {@code target}
     */
    public static boolean write(FileSystem fs, Path target, String tag, Body body, boolean replace) throws IOException {
        Path temp = new Path(target.getParent(), "." + target.getName() + "." + tag + ".tmp");
        try (FSDataOutputStream out = fs.create(temp, true)) {
            body.writeTo(out);
            out.hsync();
        } catch (IOException | RuntimeException e) {
            fs.delete(temp, false);
            throw e;
        }
        if (fs.exists(target)) {
            if (!replace) {
                // Checked, not left to rename: POSIX rename replaces the target, HDFS's refuses.
                // Two writers racing past this check both write whole files of the same name.
                fs.delete(temp, false);
                return false;
            }
            fs.delete(target, false);
        }
        if (fs.rename(temp, target)) return true;
        fs.delete(temp, false);
        if (!replace && fs.exists(target)) return false;
        throw new IOException("could not rename " + temp + " to " + target);
    }
}
