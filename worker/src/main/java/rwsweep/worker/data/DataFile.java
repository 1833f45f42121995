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
        return open(file, Long.MAX_VALUE);
    }

    /**
     * {@code file}, opened as {@link #open(Path)}, that fails with {@link DataFileException#tooLarge}
     * as soon as more than {@code maxBytes} bytes come out of it (after gunzipping): a small gzip
     * file that unpacks to gigabytes (a "gzip bomb") stops at the limit instead of filling the heap.
     */
    static InputStream open(Path file, long maxBytes) throws DataFileException {
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
        InputStream in = decompressed(where, raw);
        return maxBytes == Long.MAX_VALUE ? in : new Bounded(where, in, maxBytes);
    }

    /** The message of a file past its reader's limit of {@code maxBytes} unpacked bytes ({@code bytes} < 0: how many is not known). */
    static String overLimit(long bytes, long maxBytes) {
        String limit = String.format(java.util.Locale.ROOT, "the limit of %,d bytes", maxBytes);
        return bytes < 0 ? "unpacks to more than " + limit : String.format(java.util.Locale.ROOT, "unpacks to %,d bytes, more than ", bytes) + limit;
    }

    /** A stream that fails once more than {@code maxBytes} bytes have been read from it. */
    private static final class Bounded extends java.io.FilterInputStream {
        private final String where;
        private final long maxBytes;
        private long count;

        Bounded(String where, InputStream in, long maxBytes) {
            super(in);
            this.where = where;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count(1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count(n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long k = super.skip(n);
            count(k);
            return k;
        }

        @Override
        public boolean markSupported() { return false; }

        private void count(long n) throws DataFileException {
            count += n;
            if (count > maxBytes) throw DataFileException.tooLarge(where, overLimit(-1, maxBytes));
        }
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
