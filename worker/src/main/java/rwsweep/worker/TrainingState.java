package rwsweep.worker;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import rwsweep.worker.spec.TrialSpec;

/**
 * Everything a trial needs to go on after epoch e exactly as if it had never stopped: the weights
 * and biases, the per-layer rates after e epochs of decay, the data order after e shuffles, the
 * curves of epochs 0..e, the step-0 diagnostics and the training seconds spent so far.
 *
 * <p>The data-order generator is not saved as such: {@link java.util.SplittableRandom} exposes no
 * state, and its state after e epochs is a function of the trial seed and e alone. A resumed run
 * draws the e shuffles again (n·e swaps, microseconds) and checks that they give the saved order.
 *
 * <p>Binary form ({@link #writeTo}, {@link #readFrom}), big-endian: magic, format, numerics
 * version, key (the {@link Header}, readable alone), then epoch, seconds and the arrays, each as
 * its length and its values, then a CRC-32 of everything before it.
 */
public final class TrainingState {
    private static final int MAGIC = 0x52574350; // "RWCP"
    /** Bump when the binary form changes; a file of another format is not read. */
    public static final int FORMAT = 1;
    private static final int CHUNK = 1 << 16;

    /** The start of a saved state: enough to tell whose it is without reading the rest. */
    public record Header(int format, int numericsVersion, String key) { }

    private final String key;
    private final int numericsVersion;
    private final int epoch;
    private final double seconds;
    private final float[] params;
    private final double[] rates;
    private final int[] order;
    private final double[] error;
    private final double[] loss;
    private final double[] deltaNorms;

    /**
     * Copies nothing. A state the trainer saves holds its live weights, valid until training goes
     * on ({@link Checkpoint#save}); a state read from a file owns its arrays.
     */
    TrainingState(String key, int numericsVersion, int epoch, double seconds, float[] params, double[] rates, int[] order,
                  double[] error, double[] loss, double[] deltaNorms) {
        this.key = key;
        this.numericsVersion = numericsVersion;
        this.epoch = epoch;
        this.seconds = seconds;
        this.params = params;
        this.rates = rates;
        this.order = order;
        this.error = error;
        this.loss = loss;
        this.deltaNorms = deltaNorms;
    }

    /** The trial key the state was saved for. */
    public String key() { return key; }
    /** {@link Trainer#NUMERICS_VERSION} of the code that saved it. */
    public int numericsVersion() { return numericsVersion; }
    /** Epochs done: the state is the net after this epoch. */
    public int epoch() { return epoch; }
    /** Training seconds spent up to this epoch, over every run of the trial. */
    public double seconds() { return seconds; }
    /** The parameters (layout of {@link Network}); not a copy (see {@link Checkpoint#save}). */
    public float[] params() { return params; }
    double[] rates() { return rates; }
    int[] order() { return order; }
    double[] error() { return error; }
    double[] loss() { return loss; }
    double[] deltaNorms() { return deltaNorms; }

    /**
     * Why this state cannot resume {@code spec} (net {@code net}, {@code n} examples), if it cannot:
     * saved by other numerics, for another trial, or with arrays of other sizes.
     */
    public Optional<String> mismatch(TrialSpec spec, Network net, int n) {
        if (numericsVersion != Trainer.NUMERICS_VERSION) {
            return Optional.of("saved by numerics version " + numericsVersion + ", this code is version " + Trainer.NUMERICS_VERSION);
        }
        if (!key.equals(spec.key())) return Optional.of("saved for trial " + key + ", not " + spec.key());
        if (epoch < 1 || epoch > spec.epochs()) return Optional.of("saved after epoch " + epoch + " of a trial of " + spec.epochs());
        if (params.length != net.parameterCount() || rates.length != net.depth() + 1 || order.length != n
                || error.length != epoch + 1 || loss.length != epoch + 1 || deltaNorms.length != net.depth()) {
            return Optional.of("its arrays do not fit the net and the data");
        }
        return Optional.empty();
    }

    /** Writes the binary form to {@code out} (not closed). */
    public void writeTo(OutputStream out) throws IOException {
        CRC32 crc = new CRC32();
        DataOutputStream data = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(out, CHUNK), crc));
        data.writeInt(MAGIC);
        data.writeInt(FORMAT);
        data.writeInt(numericsVersion);
        data.writeUTF(key);
        data.writeInt(epoch);
        data.writeDouble(seconds);
        writeInts(data, order);
        writeDoubles(data, rates);
        writeDoubles(data, error);
        writeDoubles(data, loss);
        writeDoubles(data, deltaNorms);
        writeFloats(data, params);
        data.writeLong(crc.getValue());
        data.flush();
    }

    /** The header of a binary form; IOException when {@code in} holds none. */
    public static Header readHeader(InputStream in) throws IOException {
        return readHeader(new DataInputStream(in));
    }

    private static Header readHeader(DataInputStream data) throws IOException {
        if (data.readInt() != MAGIC) throw new IOException("not a saved training state");
        int format = data.readInt();
        int numerics = data.readInt();
        return new Header(format, numerics, data.readUTF());
    }

    /**
     * Reads a binary form; IOException when it is cut short, fails its checksum or is of another
     * {@link #FORMAT}. Whether it fits a trial is {@link #mismatch}'s question.
     */
    public static TrainingState readFrom(InputStream in) throws IOException {
        CRC32 crc = new CRC32();
        // the checksum sits above the buffer, so it sees exactly the bytes read, not the read-ahead
        DataInputStream data = new DataInputStream(new CheckedInputStream(new BufferedInputStream(in, CHUNK), crc));
        Header header = readHeader(data);
        if (header.format() != FORMAT) throw new IOException("format " + header.format() + ", this code reads format " + FORMAT);
        int epoch = data.readInt();
        double seconds = data.readDouble();
        int[] order = readInts(data);
        double[] rates = readDoubles(data);
        double[] error = readDoubles(data);
        double[] loss = readDoubles(data);
        double[] deltaNorms = readDoubles(data);
        float[] params = readFloats(data);
        long expected = crc.getValue();
        if (data.readLong() != expected) throw new IOException("checksum mismatch");
        return new TrainingState(header.key(), header.numericsVersion(), epoch, seconds, params, rates, order, error, loss, deltaNorms);
    }

    private static void writeInts(DataOutputStream out, int[] v) throws IOException {
        out.writeInt(v.length);
        for (int x : v) out.writeInt(x);
    }

    private static void writeDoubles(DataOutputStream out, double[] v) throws IOException {
        out.writeInt(v.length);
        for (double x : v) out.writeLong(Double.doubleToRawLongBits(x));
    }

    /** Floats in chunks through one buffer: a 1000-layer net has millions of them. */
    private static void writeFloats(DataOutputStream out, float[] v) throws IOException {
        out.writeInt(v.length);
        ByteBuffer buf = ByteBuffer.allocate(CHUNK);
        for (int first = 0; first < v.length; first += CHUNK / 4) {
            int len = Math.min(CHUNK / 4, v.length - first);
            buf.clear();
            buf.asFloatBuffer().put(v, first, len);
            out.write(buf.array(), 0, len * 4);
        }
    }

    private static int length(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) throw new IOException("negative array length " + n);
        return n;
    }

    private static int[] readInts(DataInputStream in) throws IOException {
        int[] v = new int[length(in)];
        for (int i = 0; i < v.length; i++) v[i] = in.readInt();
        return v;
    }

    private static double[] readDoubles(DataInputStream in) throws IOException {
        double[] v = new double[length(in)];
        for (int i = 0; i < v.length; i++) v[i] = Double.longBitsToDouble(in.readLong());
        return v;
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        float[] v = new float[length(in)];
        byte[] chunk = new byte[CHUNK];
        for (int first = 0; first < v.length; first += CHUNK / 4) {
            int len = Math.min(CHUNK / 4, v.length - first);
            in.readFully(chunk, 0, len * 4);
            ByteBuffer.wrap(chunk, 0, len * 4).asFloatBuffer().get(v, first, len);
        }
        return v;
    }
}
