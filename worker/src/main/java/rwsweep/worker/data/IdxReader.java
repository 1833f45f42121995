package rwsweep.worker.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Reads an image file and a label file in LeCun's IDX format (MNIST, Fashion-MNIST), gzipped or
 * not, into a {@link Dataset} of raw pixel values 0..255 as floats, one 28×28 (rows×cols) image per
 * example in row-major order. Scaling or standardising is the caller's choice ({@link Standardizer}).
 *
 * <p>Format (all integers big-endian): images = magic 0x00000803, n, rows, cols, then n·rows·cols
 * unsigned bytes; labels = magic 0x00000801, n, then n unsigned bytes. The number of classes is fixed
 * by the caller, 10 unless told otherwise (MNIST and Fashion-MNIST both have 10), rather than taken
 * from the largest label: a label file that happens to lack class 9 must still give 10 output units,
 * and a stray label 200 is an error, not a 201-class problem.
 */
public final class IdxReader {
    /** Classes when the caller does not say: digits 0..9, Fashion-MNIST's ten garment types. */
    public static final int DEFAULT_CLASSES = 10;

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() { }

    /** {@code images} and {@code labels} as a dataset of {@value #DEFAULT_CLASSES} classes named after the image file. */
    public static Dataset read(Path images, Path labels) throws DataFileException {
        return read(nameOf(images), images, labels, DEFAULT_CLASSES);
    }

    /**
     * As {@link #read(Path, Path)}, refusing ({@link DataFileException#tooLarge}) a file that is or
     * unpacks to more than {@code maxBytes} bytes — an image file by the size its header declares,
     * before its pixels are read.
     */
    public static Dataset read(Path images, Path labels, long maxBytes) throws DataFileException {
        return read(nameOf(images), images, labels, DEFAULT_CLASSES, maxBytes);
    }

    /** {@code images} and {@code labels} as a dataset called {@code name} whose labels lie in 0..classes-1. */
    public static Dataset read(String name, Path images, Path labels, int classes) throws DataFileException {
        return read(name, images, labels, classes, Long.MAX_VALUE);
    }

    private static Dataset read(String name, Path images, Path labels, int classes, long maxBytes) throws DataFileException {
        checkClasses(name, classes);
        try (InputStream im = DataFile.open(images, maxBytes); InputStream lb = DataFile.open(labels, maxBytes)) {
            return decoded(name, images.toString(), im, labels.toString(), lb, classes, maxBytes);
        } catch (IOException e) {   // a DataFileException passes unchanged; else closing a file failed
            throw DataFile.readFailure(images.toString(), e);
        }
    }

    /**
     * The same from two streams a caller opened (files of another file system: hdfs://…, s3a://…),
     * as a dataset of {@value #DEFAULT_CLASSES} classes named after the image file; {@code imagesWhere}
     * and {@code labelsWhere} name them in messages. Both streams are closed.
     */
    public static Dataset read(String imagesWhere, InputStream images, String labelsWhere, InputStream labels)
            throws DataFileException {
        return read(idxName(DataFile.nameOf(imagesWhere)), imagesWhere, images, labelsWhere, labels, DEFAULT_CLASSES);
    }

    /**
     * The same from two streams, gzipped or not (for classpath resources); {@code imagesWhere} and
     * {@code labelsWhere} name them in messages. Both streams are closed.
     */
    static Dataset read(String name, String imagesWhere, InputStream images, String labelsWhere, InputStream labels,
                        int classes) throws DataFileException {
        checkClasses(name, classes);
        try (InputStream im = DataFile.decompressed(imagesWhere, images); InputStream lb = DataFile.decompressed(labelsWhere, labels)) {
            return decoded(name, imagesWhere, im, labelsWhere, lb, classes, Long.MAX_VALUE);
        } catch (IOException e) {
            throw DataFile.readFailure(imagesWhere, e);
        }
    }

    private static void checkClasses(String name, int classes) {
        if (classes < 1) throw new IllegalArgumentException(name + ": classes must be at least 1, got " + classes);
    }

    /** Both files from already decompressed streams. */
    private static Dataset decoded(String name, String imagesWhere, InputStream images, String labelsWhere, InputStream labels,
                                   int classes, long maxBytes) throws DataFileException {
        Images im = readImages(imagesWhere, images, maxBytes);
        byte[] lb = readLabels(labelsWhere, labels);
        if (lb.length != im.n) {
            throw new DataFileException(labelsWhere, "has " + lb.length + " labels but the image file " + imagesWhere
                    + " has " + im.n + " images: the two files must describe the same examples");
        }
        int[] ls = new int[lb.length];
        for (int i = 0; i < ls.length; i++) {
            ls[i] = lb[i] & 0xFF;
            if (ls[i] >= classes) {
                throw new DataFileException(labelsWhere, "label " + ls[i] + " of example " + i
                        + " is out of range: labels must lie in 0.." + (classes - 1));
            }
        }
        float[] x = new float[im.pixels.length];   // (rows·cols × n) column-major: example i is a column
        for (int i = 0; i < x.length; i++) x[i] = im.pixels[i] & 0xFF;
        return new Dataset(name, im.rows * im.cols, classes, x, ls);
    }

    private static final class Images {
        final int n;
        final int rows;
        final int cols;
        final byte[] pixels;

        Images(int n, int rows, int cols, byte[] pixels) {
            this.n = n;
            this.rows = rows;
            this.cols = cols;
            this.pixels = pixels;
        }
    }

    private static Images readImages(String where, InputStream in, long maxBytes) throws DataFileException {
        int[] h = header(where, in, IMAGES_MAGIC, 4);
        int n = h[1];
        int rows = h[2];
        int cols = h[3];
        if (rows < 1 || cols < 1) throw new DataFileException(where, "header declares images of " + rows + "×" + cols + " pixels: rows and cols must be at least 1");
        long bytes = (long) n * rows * cols;
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new DataFileException(where, "header declares " + n + " images of " + rows + "×" + cols + " = " + bytes
                    + " pixels, more than one Java array holds (" + (Integer.MAX_VALUE - 8) + ")");
        }
        if (bytes + 16 > maxBytes) {
            // refused by what the header declares, before a byte of a gzip bomb is unpacked
            throw DataFileException.tooLarge(where, "the header declares " + n + " images of " + rows + "×" + cols
                    + " pixels, so the file " + DataFile.overLimit(bytes + 16, maxBytes));
        }
        byte[] pixels = body(where, in, (int) bytes, n + " images of " + rows + "×" + cols + " pixels");
        return new Images(n, rows, cols, pixels);
    }

    private static byte[] readLabels(String where, InputStream in) throws DataFileException {
        int[] h = header(where, in, LABELS_MAGIC, 2);
        return body(where, in, h[1], h[1] + " labels");
    }

    /** The header's {@code ints} big-endian ints after checking the magic number and that n ≥ 1. */
    private static int[] header(String where, InputStream in, int magic, int ints) throws DataFileException {
        byte[] b;
        try {
            b = in.readNBytes(4 * ints);
        } catch (IOException e) {
            throw DataFile.readFailure(where, e);
        }
        if (b.length == 0) throw new DataFileException(where, "empty file: expected an IDX " + kind(magic));
        if (b.length < 4) throw truncatedHeader(where, magic, ints, b.length);
        int[] h = new int[ints];
        for (int k = 0; k < ints; k++) {
            if (4 * k + 4 > b.length) break;
            h[k] = (b[4 * k] & 0xFF) << 24 | (b[4 * k + 1] & 0xFF) << 16 | (b[4 * k + 2] & 0xFF) << 8 | (b[4 * k + 3] & 0xFF);
        }
        if (h[0] != magic) {
            String hint = h[0] == IMAGES_MAGIC || h[0] == LABELS_MAGIC
                    ? String.format("; 0x%08X is the magic number of an IDX %s: are images and labels swapped?", h[0], kind(h[0])) : "";
            throw new DataFileException(where, String.format("wrong magic number 0x%08X, expected 0x%08X for an IDX %s%s",
                    h[0], magic, kind(magic), hint));
        }
        if (b.length < 4 * ints) throw truncatedHeader(where, magic, ints, b.length);
        if (h[1] < 1) throw new DataFileException(where, "header declares " + h[1] + " examples: need at least 1");
        return h;
    }

    private static DataFileException truncatedHeader(String where, int magic, int ints, int found) {
        return new DataFileException(where, "truncated: the header of an IDX " + kind(magic) + " needs " + 4 * ints + " bytes, found " + found);
    }

    /** Exactly {@code bytes} bytes of data after the header, and nothing after them. */
    private static byte[] body(String where, InputStream in, int bytes, String declared) throws DataFileException {
        try {
            // readNBytes(int) grows its buffer as data arrives, so a corrupt header that declares
            // gigabytes fails as "truncated" instead of allocating them first.
            byte[] b = in.readNBytes(bytes);
            if (b.length < bytes) {
                throw new DataFileException(where, "truncated: the header declares " + declared + ", which needs "
                        + bytes + " data bytes, found " + b.length);
            }
            long extra = in.transferTo(OutputStream.nullOutputStream());
            if (extra > 0) {
                throw new DataFileException(where, extra + " bytes after the " + bytes + " data bytes the header declares ("
                        + declared + "): wrong header or two files joined");
            }
            return b;
        } catch (IOException e) {
            throw DataFile.readFailure(where, e);
        }
    }

    private static String kind(int magic) {
        return magic == IMAGES_MAGIC ? "image file (idx3, unsigned bytes)" : "label file (idx1, unsigned bytes)";
    }

    private static String nameOf(Path images) {
        return idxName(images.getFileName().toString());
    }

    /** "train-images-idx3-ubyte.gz" → "train": the name the IDX convention gives the set. */
    private static String idxName(String fileName) {
        String f = fileName;
        if (f.endsWith(".gz")) f = f.substring(0, f.length() - 3);
        if (f.endsWith("-images-idx3-ubyte")) f = f.substring(0, f.length() - "-images-idx3-ubyte".length());
        return f;
    }
}
