package rwsweep.driver.sweep;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where a data file a sweep names is: on this machine's disk ({@link Local}: a path, relative ones
 * resolved against the sweep's base directory, or a file: URI), or on another Hadoop file system
 * ({@link Remote}: hdfs://namenode:8020/data/train.csv, s3a://bucket/…, any scheme Hadoop is
 * configured for). The driver reads either kind once ({@link TrainingData}) and broadcasts the
 * data, so executors never open a data file.
 */
public sealed interface DataPath {
    /** A scheme then "://", or "file:": a URI, not a relative path (a Windows drive "C:" is no scheme). */
    Pattern URI_FORM = Pattern.compile("^(?:[A-Za-z][A-Za-z0-9+.-]+://.*|file:.*)");

    /** A file on this machine's disk. */
    record Local(Path path) implements DataPath {
        @Override public String fileName() { return path.getFileName().toString(); }
        @Override public String toString() { return path.toString(); }
    }

    /** A file of a Hadoop file system other than the local one, read through Hadoop's FileSystem. */
    record Remote(URI uri) implements DataPath {
        @Override public String fileName() { return org.apache.hadoop.fs.Path.getPathWithoutSchemeAndAuthority(
                new org.apache.hadoop.fs.Path(uri)).getName(); }
        @Override public String toString() { return uri.toString(); }
    }

    /** The last part of the name: {@code train-images-idx3-ubyte.gz}. */
    String fileName();

    /**
     * {@code text} as a sweep file writes it: a URI (hdfs://…, file:///…) as it stands, a path
     * against {@code base}.
     *
     * @throws IllegalArgumentException when {@code text} looks like a URI but is not one
     */
    static DataPath of(String text, Path base) {
        if (!URI_FORM.matcher(text).matches()) return new Local(base.resolve(text).normalize());
        URI uri;
        try {
            uri = new URI(text).normalize();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URI (" + e.getReason() + ")");
        }
        if ("file".equals(uri.getScheme())) {
            if (uri.getPath() == null || !uri.getPath().startsWith("/")) {
                throw new IllegalArgumentException("'" + text + "' is not an absolute file: URI (write file:///absolute/path)");
            }
            return new Local(Path.of(uri.getPath()));
        }
        if (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/")) {
            throw new IllegalArgumentException("'" + text + "' names no file");
        }
        return new Remote(uri);
    }
}
