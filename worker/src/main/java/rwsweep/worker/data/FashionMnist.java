package rwsweep.worker.data;

import java.nio.file.Path;

/**
 * Full Fashion-MNIST (Xiao, Rasul and Vollgraf 2017): 60,000 training and 10,000 test 28×28 garment
 * images in 10 classes, in the MNIST file layout. Debian's {@code dataset-fashion-mnist} package
 * installs it in {@link #DEFAULT_DIR}; any directory holding the four standard file names works.
 */
public final class FashionMnist {
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private FashionMnist() { }

    /** The 60,000 training examples in {@code dir}. */
    public static Dataset train(Path dir) throws DataFileException {
        return IdxReader.read("fashion-mnist-train", dir.resolve("train-images-idx3-ubyte.gz"),
                dir.resolve("train-labels-idx1-ubyte.gz"), IdxReader.DEFAULT_CLASSES);
    }

    /** The 10,000 test examples in {@code dir}. */
    public static Dataset test(Path dir) throws DataFileException {
        return IdxReader.read("fashion-mnist-test", dir.resolve("t10k-images-idx3-ubyte.gz"),
                dir.resolve("t10k-labels-idx1-ubyte.gz"), IdxReader.DEFAULT_CLASSES);
    }
}
