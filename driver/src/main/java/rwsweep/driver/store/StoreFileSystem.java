package rwsweep.driver.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * The file operations of a results directory, each with a result that is checked: a rename or
 * delete that returns false is an {@link IOException}, never a fall-through.
 *
 * <p>On the local file system the store writes through Hadoop's raw local file system, so the
 * files it replaces (sweep.yaml, trials.csv, the lease, the table) get no {@code .NAME.crc} file
 * beside them: Hadoop renames a file and its checksum file one after the other, and a crash
 * between the two leaves data that fails its own checksum. Records are written without one too
 * (a record is checked by parsing it and by its key); an older rwsweep's records keep theirs and
 * are read against it (a mismatch sets the record aside, see {@link Compaction}).
 * Replacing a file is one rename that overwrites: {@code rename(2)} locally,
 * {@code FileContext.rename(…, OVERWRITE)} elsewhere — atomic on HDFS; on S3A a copy after a
 * delete (see the README for what a crash there can cost).
 */
final class StoreFileSystem {
    private final FileSystem fs;
    private final FileSystem raw;
    private final Configuration conf;
    private final boolean local;

    private StoreFileSystem(FileSystem fs, Configuration conf) {
        this.fs = fs;
        this.conf = conf;
        this.local = fs instanceof LocalFileSystem || "file".equals(fs.getScheme());
        this.raw = fs instanceof LocalFileSystem l ? l.getRaw() : fs;
    }

    /** The file system of {@code dir} under {@code conf}. */
    static StoreFileSystem of(Path dir, Configuration conf) throws IOException {
        if (isLocal(dir, conf)) {
            // Hadoop's local file system made directly: FileSystem.get would first load every file
            // system on the class path and log the user in, 0.5-1 s of a fresh JVM's summarize
            LocalFileSystem local = new LocalFileSystem();
            local.initialize(java.net.URI.create("file:///"), conf);
            return new StoreFileSystem(local, conf);
        }
        return new StoreFileSystem(dir.getFileSystem(conf), conf);
    }

    /** A path of the file: scheme (or without scheme, with the local file system the default), and no other implementation of it configured. */
    private static boolean isLocal(Path dir, Configuration conf) {
        String scheme = dir.toUri().getScheme();
        if (scheme == null) scheme = FileSystem.getDefaultUri(conf).getScheme();
        return "file".equals(scheme) && conf.get("fs.file.impl") == null;
    }

    /** As configured: on the local file system with checksum files. Readers of records use it. */
    FileSystem fs() { return fs; }
    /** Without checksum files on the local file system: for files the store renames into place. */
    FileSystem rawFs() { return raw; }
    Configuration conf() { return conf; }
    /** Whether this is the local file system: the files are on this machine's disk. */
    boolean isLocal() { return local; }
    Path qualify(Path p) { return fs.makeQualified(p); }

    boolean exists(Path p) throws IOException { return fs.exists(p); }

    /** The entries of {@code dir}; none when it does not exist (it may be renamed away meanwhile). */
    FileStatus[] list(Path dir) throws IOException {
        if (local) return listLocal(dir);
        try {
            return fs.listStatus(dir);
        } catch (FileNotFoundException gone) {
            return new FileStatus[0];
        }
    }

    /**
     * A local listing from one directory read and a stat per entry: Hadoop's own local listing
     * costs about 25 µs an entry more, 2.4 s for the 100,000 records of a large pending/.
     */
    private static FileStatus[] listLocal(Path dir) throws IOException {
        java.nio.file.Path d = localPath(dir);
        java.util.List<FileStatus> out = new java.util.ArrayList<>();
        try (java.nio.file.DirectoryStream<java.nio.file.Path> entries = Files.newDirectoryStream(d)) {
            for (java.nio.file.Path entry : entries) {
                java.nio.file.attribute.BasicFileAttributes a;
                try {
                    a = Files.readAttributes(entry, java.nio.file.attribute.BasicFileAttributes.class);
                } catch (java.nio.file.NoSuchFileException gone) {
                    continue; // renamed or deleted since the directory was read
                }
                out.add(new FileStatus(a.size(), a.isDirectory(), 1, 0, a.lastModifiedTime().toMillis(),
                        new Path(dir, entry.getFileName().toString())));
            }
        } catch (java.nio.file.NoSuchFileException | java.nio.file.NotDirectoryException gone) {
            return new FileStatus[0];
        }
        return out.toArray(new FileStatus[0]);
    }

    /** A small text file, read without checksum (a hand-edited store.properties stays readable). */
    String readText(Path p) throws IOException {
        try (InputStream in = raw.open(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * A record's bytes, checked against the checksum file an older rwsweep wrote beside it when
     * {@code hasChecksum} (the caller's listing shows it). Without one, a local record is read
     * straight from the disk: one system call instead of Hadoop's look for the checksum file.
     */
    byte[] readRecord(Path p, boolean hasChecksum) throws IOException {
        if (local && !hasChecksum) {
            try {
                return Files.readAllBytes(localPath(p));
            } catch (java.nio.file.NoSuchFileException gone) {
                throw new FileNotFoundException(p.toString());
            }
        }
        try (InputStream in = fs.open(p)) {
            return in.readAllBytes();
        }
    }

    /** A new file written without a checksum file beside it (the caller renames it into place). */
    FSDataOutputStream createRaw(Path p) throws IOException {
        return raw.create(p, true);
    }

    /**
     * Creates {@code p} with {@code bytes} if no file of that name exists; false if one does.
     * Exclusive on the local file system ({@code O_EXCL}) and HDFS; on S3A a check then a write.
     */
    boolean createExclusive(Path p, byte[] bytes) throws IOException {
        if (local) {
            java.nio.file.Path file = localPath(p);
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.SYNC)) {
                out.write(bytes);
            } catch (FileAlreadyExistsException taken) {
                return false;
            }
            return true;
        }
        try (FSDataOutputStream out = fs.create(p, false)) {
            out.write(bytes);
            out.hsync();
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException taken) {
            return false;
        }
        return true;
    }

    /** Replaces {@code target} by {@code source} in one rename that overwrites (never delete-then-rename). */
    void replace(Path source, Path target) throws IOException {
        if (local) {
            // A checksum file an older rwsweep left beside the target would not match the new data;
            // removed first, so a reader sees the old data without a checksum, then the new.
            Path crc = new Path(target.getParent(), "." + target.getName() + ".crc");
            if (raw.exists(crc) && !raw.delete(crc, false)) throw new IOException("could not delete " + crc);
            Files.move(localPath(source), localPath(target), StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        FileContext.getFileContext(fs.getUri(), conf).rename(source, target, Options.Rename.OVERWRITE);
    }

    /** Renames {@code source} to {@code target}, which must not exist; a refusal is an IOException. */
    void rename(Path source, Path target) throws IOException {
        if (fs.exists(target)) throw new IOException("cannot rename " + source + " to " + target + ": the target exists");
        if (!fs.rename(source, target)) throw new IOException("could not rename " + source + " to " + target);
    }

    /** Deletes {@code p} (a file with its checksum file, or a directory with what it holds) if it exists. */
    void delete(Path p) throws IOException {
        if (!fs.exists(p)) return;
        if (!fs.delete(p, true)) throw new IOException("could not delete " + p);
    }

    /** Every file under {@code dir}, at any depth; none when it does not exist. */
    java.util.List<Path> filesUnder(Path dir) throws IOException {
        java.util.List<Path> out = new java.util.ArrayList<>();
        if (!fs.exists(dir)) return out;
        org.apache.hadoop.fs.RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> it = fs.listFiles(dir, true);
        while (it.hasNext()) out.add(it.next().getPath());
        return out;
    }

    private static java.nio.file.Path localPath(Path p) {
        return java.nio.file.Path.of(p.toUri().getPath());
    }

    /**
     * Whether {@code dir} names a directory on the local file system: a file: URI, or a path
     * without a scheme while the default file system ({@code fs.defaultFS}) is the local one — on a
     * YARN cluster it is usually HDFS, and a bare path is on HDFS too.
     */
    static boolean isLocal(String dir, Configuration conf) {
        java.net.URI uri = new Path(dir).toUri();
        String scheme = uri.getScheme() != null ? uri.getScheme() : FileSystem.getDefaultUri(conf).getScheme();
        return scheme == null || "file".equals(scheme);
    }

    /** Hadoop settings from Spark-style options: every {@code spark.hadoop.K=V} becomes {@code K=V}, as Spark does. */
    static Configuration hadoopConf(Map<String, String> sparkConf) {
        Configuration conf = new Configuration();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("spark.hadoop.")) conf.set(name.substring("spark.hadoop.".length()), System.getProperty(name));
        }
        for (Map.Entry<String, String> e : sparkConf.entrySet()) {
            if (e.getKey().startsWith("spark.hadoop.")) conf.set(e.getKey().substring("spark.hadoop.".length()), e.getValue());
        }
        return conf;
    }
}
