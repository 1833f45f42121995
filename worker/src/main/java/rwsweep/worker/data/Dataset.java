package rwsweep.worker.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A labelled training set in memory, float32: example i is {@code x[i·dim .. (i+1)·dim)}, so the
 * array is also the (dim × n) column-major matrix whose columns are examples — the layout the
 * network's first {@code sgemm} reads. Labels are 0..classes-1. Immutable by convention: nobody
 * writes into {@code x} after construction.
 */
public final class Dataset {
    private String name;
    private int dim;
    private int classes;
    private float[] x;
    private int[] labels;
    private String id;

    private Dataset() { }

    public Dataset(String name, int dim, int classes, float[] x, int[] labels) {
        if (dim < 1) throw new IllegalArgumentException(name + ": dimension must be at least 1, got " + dim);
        if (x.length % dim != 0) throw new IllegalArgumentException(name + ": " + x.length + " values is not a whole number of " + dim + "-dimensional examples");
        if (labels.length != x.length / dim) throw new IllegalArgumentException(name + ": " + labels.length + " labels for " + x.length / dim + " examples");
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(name + ": label " + labels[i] + " of example " + i + " is outside 0.." + (classes - 1));
            }
        }
        this.name = name;
        this.dim = dim;
        this.classes = classes;
        this.x = x;
        this.labels = labels;
        this.id = contentHash(dim, classes, x, labels);
    }

    public String name() { return name; }
    /** Input dimension. */
    public int dim() { return dim; }
    /** Number of classes; labels lie in 0..classes-1. */
    public int classes() { return classes; }
    /** Number of examples. */
    public int size() { return labels.length; }
    /** The examples, example-major; do not write into it. */
    public float[] x() { return x; }
    /** The labels; do not write into it. */
    public int[] labels() { return labels; }
    /** 16 hex digits of SHA-256 over dim, classes, every value and label: the data's identity in a trial key. */
    public String id() { return id; }

    /** The first n examples (n ≤ size()); the same dataset when n = size(). */
    public Dataset head(int n) {
        if (n < 1 || n > size()) throw new IllegalArgumentException(name + ": cannot take " + n + " of " + size() + " examples");
        if (n == size()) return this;
        float[] xs = new float[n * dim];
        System.arraycopy(x, 0, xs, 0, xs.length);
        int[] ls = new int[n];
        System.arraycopy(labels, 0, ls, 0, n);
        return new Dataset(name + "[:" + n + "]", dim, classes, xs, ls);
    }

    private static String contentHash(int dim, int classes, float[] x, int[] labels) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            buf.putInt(dim).putInt(classes).putInt(labels.length);
            for (float v : x) {
                if (buf.remaining() < 4) { md.update(buf.flip()); buf.clear(); }
                buf.putFloat(v);
            }
            for (int l : labels) {
                if (buf.remaining() < 4) { md.update(buf.flip()); buf.clear(); }
                buf.putInt(l);
            }
            md.update(buf.flip());
            return HexFormat.of().formatHex(md.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return name + " (" + size() + " × " + dim + ", " + classes + " classes, id " + id + ")";
    }
}
