package rwsweep.worker.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Full Fashion-MNIST from Debian's dataset-fashion-mnist package (CI installs it). Reference values
 * were computed independently from the same files with Python's gzip and struct modules:
 * {@code im = gzip.open('train-images-idx3-ubyte.gz').read()[16:]}, {@code sum(im[:784])}, {@code sum(im)}.
 */
class FashionMnistTest {
    @Test
    void trainAndTestSetsLoadWithBalancedClassesAndThePythonReferenceValues() throws DataFileException {
        assumeTrue(Files.exists(FashionMnist.DEFAULT_DIR.resolve("train-images-idx3-ubyte.gz")),
                "Fashion-MNIST not installed (apt-get install dataset-fashion-mnist)");
        // No time bound here: a timed test fails on a shared, busy machine (8.5 s was seen under
        // load, against 0.4-0.9 s on a quiet one); the reader's speed belongs in a benchmark.
        Dataset train = FashionMnist.train(FashionMnist.DEFAULT_DIR);

        assertEquals(60_000, train.size());
        assertEquals(784, train.dim());
        assertEquals(10, train.classes());
        int[] perClass = MnistSampleTest.counts(train);
        for (int k = 0; k < 10; k++) assertEquals(6_000, perClass[k], "class " + k);
        assertArrayEquals(new int[] {9, 0, 0, 3, 0, 2, 7, 2, 5, 5}, Arrays.copyOf(train.labels(), 10));
        assertEquals(5, train.labels()[59_999]);

        float[] x = train.x();
        assertEquals(76_247, sum(x, 0, 784), "pixel sum of the first image");
        assertEquals(16_684, sum(x, 59_999 * 784, 784), "pixel sum of the last image");
        assertEquals(3_431_114_169L, sum(x, 0, x.length), "pixel sum of all 60,000 images");
        assertEquals(13f, x[99]);   // first image: pixels 96, 99, 100 are the first nonzero ones: 1, 13, 73
        assertEquals(73f, x[100]);

        Dataset test = FashionMnist.test(FashionMnist.DEFAULT_DIR);
        assertEquals(10_000, test.size());
        int[] testPerClass = MnistSampleTest.counts(test);
        for (int k = 0; k < 10; k++) assertEquals(1_000, testPerClass[k], "test class " + k);
        assertArrayEquals(new int[] {9, 2, 1, 1, 6}, Arrays.copyOf(test.labels(), 5));
    }

    /** Exact: every pixel is a whole number 0..255 and the total stays far below 2^53. */
    private static long sum(float[] x, int from, int length) {
        long s = 0;
        for (int i = from; i < from + length; i++) s += (long) x[i];
        return s;
    }
}
