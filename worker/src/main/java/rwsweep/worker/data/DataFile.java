package rwsweep.worker.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opening a data file for the readers: buffered, gunzipped when it starts with the gzip magic bytes
 * 1f 8b (whatever its name), and every failure to open or decompress turned into a
 * {@link DataFileException} that names the file. Not a parser: the readers own their formats.
 */
final class DataFile {
    /** Large buffers: the readers stream tens of megabytes (Fashion-MNIST is 47 MB unpacked). */
    static final int BUFFER = 1 << 16;

    private DataFile() { }

    static InputStream open(Path file) throws DataFileException {
        String where = file.toString();
        if (Files.isDirectory(file)) throw new DataFileException(where, "cannot read: it is a directory, not a file");
        InputStream raw;
        try {
            raw = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new DataFileException(where, "cannot read: no such file", e);
        } catch (AccessDeniedException e) {
            throw new DataFileException(where, "cannot read: permission denied", e);
        } catch (IOException e) {
            throw new DataFileException(where, "cannot read: " + e, e);
        }
        return decompressed(where, raw);
    }

    /** The last part of a file's name as a caller wrote it (a path or a URI): what a dataset is called after. */
    static String nameOf(String where) {
        String trimmed = where.replaceAll("/+$", "");
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    /**
     * {@code in}, buffered, and gunzipped if its first two bytes are 1f 8b. Closes {@code in} when
     * it throws.
     */
    static InputStream decompressed(String where, InputStream in) throws DataFileException {
        BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
        try {
            buffered.mark(2);
            int b0 = buffered.read();
            int b1 = buffered.read();
            buffered.reset();
            if (b0 != 0x1f || b1 != 0x8b) return buffered;
            return new BufferedInputStream(new GZIPInputStream(buffered, BUFFER), BUFFER);
        } catch (IOException e) {
            try {
                buffered.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw readFailure(where, e);
        }
    }

    /** An I/O failure while reading, as a DataFileException naming the file (unchanged if it is one). */
    static DataFileException readFailure(String where, IOException e) {
        if (e instanceof DataFileException d) return d;
        if (e instanceof EOFException) return new DataFileException(where, "gzip data ends early: the file is truncated", e);
        if (e instanceof ZipException) return new DataFileException(where, "corrupt gzip data (" + e.getMessage() + ")", e);
        return new DataFileException(where, "cannot read: " + e, e);
    }
}
