package rwsweep.worker.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** IdxReader on tiny hand-made IDX files: exact values when well-formed, one clear message per defect. */
class IdxReaderTest {
    @TempDir Path dir;

    @Test
    void readsPixelsRowMajorAndLabelsExactly() throws IOException {
        // 3 images of 2 rows × 3 cols; bytes ≥ 128 must come out as 128..255, not negative
        Path images = write("tiny-images-idx3-ubyte.gz", gzip(images(3, 2, 3,
                0, 1, 2, 3, 4, 5,
                127, 128, 129, 200, 254, 255,
                9, 8, 7, 6, 5, 4)));
        Path labels = write("tiny-labels-idx1-ubyte", labels(3, 9, 0, 3));
        Dataset d = IdxReader.read(images, labels);
        assertEquals("tiny", d.name());
        assertEquals(6, d.dim());
        assertEquals(3, d.size());
        assertEquals(10, d.classes());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 127, 128, 129, 200, 254, 255, 9, 8, 7, 6, 5, 4}, d.x());
        assertArrayEquals(new int[] {9, 0, 3}, d.labels());
    }

    @Test
    void theCallerFixesTheNumberOfClasses() throws IOException {
        Path images = write("i", images(2, 1, 1, 10, 20));
        Path labels = write("l", labels(2, 0, 2));
        assertEquals(3, IdxReader.read("three", images, labels, 3).classes());
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read("two", images, labels, 2));
        assertMessage(e, labels, "label 2 of example 1 is out of range: labels must lie in 0..1");
    }

    /** An image file whose header declares more than the limit is refused by the header, before its pixels are read. */
    @Test
    void aHeaderDeclaringMoreThanTheLimitIsRefusedAtOnce() throws IOException {
        // the header alone: 1000 images of 28×28 declared, none there — the size is refused before "truncated" could be
        Path images = write("big-images-idx3-ubyte", images(1000, 28, 28));
        Path labels = write("big-labels-idx1-ubyte", labels(1000));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(images, labels, 100_000));
        assertEquals(images + ": the header declares 1000 images of 28×28 pixels, so the file unpacks to 784,016 bytes, more than"
                + " the limit of 100,000 bytes", e.getMessage());
        assertEquals(true, e.tooLarge());
        Path small = write("small-images-idx3-ubyte", images(2, 1, 1, 10, 20));
        Path smallLabels = write("small-labels-idx1-ubyte", labels(2, 0, 1));
        assertEquals(IdxReader.read(small, smallLabels).id(), IdxReader.read(small, smallLabels, 18).id());
    }

    /** One bad-file case: the bytes of the two files (null: do not create it), which file the message names, and what it says. */
    static Stream<Arguments> badFiles() throws IOException {
        byte[] goodImages = images(2, 2, 2, 1, 2, 3, 4, 5, 6, 7, 8);
        byte[] goodLabels = labels(2, 1, 2);
        byte[] gz = gzip(goodImages);
        return Stream.of(
                bad("label magic in the image file", labels(2, 1, 2), goodLabels, "images",
                        "wrong magic number 0x00000801, expected 0x00000803", "swapped"),
                bad("image magic in the label file", goodImages, goodImages, "labels",
                        "wrong magic number 0x00000803, expected 0x00000801", "swapped"),
                bad("not IDX at all", "PK\u0003\u0004 a zip file".getBytes(StandardCharsets.ISO_8859_1), goodLabels, "images",
                        "wrong magic number 0x504B0304, expected 0x00000803"),
                bad("header cut short", Arrays.copyOf(goodImages, 7), goodLabels, "images",
                        "truncated", "header of an IDX image file (idx3, unsigned bytes) needs 16 bytes, found 7"),
                bad("file shorter than a magic number", new byte[] {0, 0}, goodLabels, "images",
                        "truncated", "needs 16 bytes, found 2"),
                bad("pixels cut short", Arrays.copyOf(goodImages, 16 + 5), goodLabels, "images",
                        "truncated", "2 images of 2×2 pixels, which needs 8 data bytes, found 5"),
                bad("labels cut short", goodImages, Arrays.copyOf(goodLabels, 9), "labels",
                        "truncated", "2 labels, which needs 2 data bytes, found 1"),
                bad("gzip stream cut short", Arrays.copyOf(gz, gz.length - 12), goodLabels, "images",
                        "gzip data ends early", "truncated"),
                bad("gzip checksum wrong", flip(gz, gz.length - 8), goodLabels, "images", "corrupt gzip data"),
                bad("bytes after the declared images", concat(goodImages, new byte[3]), goodLabels, "images",
                        "3 bytes after the 8 data bytes the header declares"),
                bad("label 10 of 10 classes", goodImages, labels(2, 4, 10), "labels",
                        "label 10 of example 1 is out of range: labels must lie in 0..9"),
                bad("empty image file", new byte[0], goodLabels, "images", "empty file"),
                bad("empty label file", goodImages, new byte[0], "labels", "empty file"),
                bad("no images declared", images(0, 2, 2), goodLabels, "images", "declares 0 examples"),
                bad("zero rows", images(2, 0, 2), goodLabels, "images", "images of 0×2 pixels"),
                bad("missing image file", null, goodLabels, "images", "cannot read: no such file"),
                bad("missing label file", goodImages, null, "labels", "cannot read: no such file"));
    }

    private static Arguments bad(String name, byte[] images, byte[] labels, String named, String... fragments) {
        return Arguments.of(Named.of(name, images), labels, named, List.of(fragments));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badFileGivesOneMessageNamingFileAndProblem(byte[] imageBytes, byte[] labelBytes, String named, List<String> fragments)
            throws IOException {
        Path images = dir.resolve("images.idx");
        Path labels = dir.resolve("labels.idx");
        if (imageBytes != null) Files.write(images, imageBytes);
        if (labelBytes != null) Files.write(labels, labelBytes);
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(images, labels));
        assertMessage(e, named.equals("images") ? images : labels, fragments.toArray(String[]::new));
    }

    @Test
    void aDirectoryIsNotAFile() throws IOException {
        Path images = Files.createDirectory(dir.resolve("images"));
        Path labels = write("labels", labels(1, 0));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(images, labels));
        assertMessage(e, images, "cannot read", "directory");
    }

    @Test
    void countMismatchNamesBothFiles() throws IOException {
        Path images = write("images", images(2, 1, 1, 5, 6));
        Path labels = write("labels", labels(3, 1, 2, 3));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(images, labels));
        assertMessage(e, labels, "has 3 labels but the image file " + images + " has 2 images");
    }

    static void assertMessage(DataFileException e, Path file, String... fragments) {
        String m = e.getMessage();
        assertTrue(m.startsWith(file + ": "), "message starts with the file " + file + ": " + m);
        assertEquals(file.toString(), e.file());
        for (String f : fragments) assertTrue(m.contains(f), "message contains '" + f + "': " + m);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    static byte[] images(int n, int rows, int cols, int... pixels) {
        ByteBuffer b = ByteBuffer.allocate(16 + pixels.length).putInt(IdxReader.IMAGES_MAGIC).putInt(n).putInt(rows).putInt(cols);
        for (int p : pixels) b.put((byte) p);
        return b.array();
    }

    static byte[] labels(int n, int... labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length).putInt(IdxReader.LABELS_MAGIC).putInt(n);
        for (int l : labels) b.put((byte) l);
        return b.array();
    }

    static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) { gz.write(plain); }
        return out.toByteArray();
    }

    /** {@code b} with the bits of byte {@code at} inverted (at = length − 8: the gzip trailer's CRC-32). */
    private static byte[] flip(byte[] b, int at) {
        byte[] c = b.clone();
        c[at] = (byte) ~c[at];
        return c;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
