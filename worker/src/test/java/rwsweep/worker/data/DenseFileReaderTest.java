package rwsweep.worker.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** DenseFileReader: CSV and LIBSVM files written by hand, read back value for value; one message per defect. */
class DenseFileReaderTest {
    @TempDir Path dir;

    @Test
    void csvWithHeaderAndLabelByName() throws IOException {
        Path f = write("frames.csv", "f1, phone ,f2\n0.5,3,-1.25\n\n2,0,1e-3\n\n");
        Dataset d = DenseFileReader.readCsv(f, "phone");
        assertEquals("frames.csv", d.name());
        assertEquals(2, d.dim());
        assertEquals(4, d.classes());   // largest label 3, plus one
        assertArrayEquals(new float[] {0.5f, -1.25f, 2f, 0.001f}, d.x());
        assertArrayEquals(new int[] {3, 0}, d.labels());
        // by index the header is recognised by its non-numeric cells: the same data
        assertEquals(d.id(), DenseFileReader.readCsv(f, 1).id());
    }

    /**
     * RFC 4180 as spreadsheets export it: every cell quoted, a header name holding a comma and a
     * doubled quote, the label picked by that name. The same numbers unquoted are the same data.
     */
    @Test
    void quotedCellsAndAQuotedHeaderNameReadAsTheirText() throws IOException {
        Path quoted = write("quoted.csv", "\"f1\",\"phone, \"\"TIMIT\"\"\",\"f2\"\r\n\"0.5\",\"3\",\"-1.25\"\r\n\"2\", \"0\" ,\"1e-3\"\r\n");
        Dataset d = DenseFileReader.readCsv(quoted, "phone, \"TIMIT\"");
        assertEquals(2, d.dim());
        assertEquals(4, d.classes());
        assertArrayEquals(new float[] {0.5f, -1.25f, 2f, 0.001f}, d.x());
        assertArrayEquals(new int[] {3, 0}, d.labels());
        Path plain = write("plain.csv", "f1,phone,f2\n0.5,3,-1.25\n2,0,1e-3\n");
        assertArrayEquals(d.x(), DenseFileReader.readCsv(plain, "phone").x());
        assertArrayEquals(d.x(), DenseFileReader.readCsv(quoted, 1).x(), "by index, the quoted header is still a header");
    }

    @Test
    void csvWithoutHeaderGzippedOrNot() throws IOException {
        String text = "2.0,1,2,3\n0,4,5,6\n1,-7.5,8,9\n";
        Dataset d = DenseFileReader.readCsv(write("plain.csv", text), 0);
        assertEquals(3, d.dim());
        assertEquals(3, d.classes());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, -7.5f, 8, 9}, d.x());
        assertArrayEquals(new int[] {2, 0, 1}, d.labels());
        Path gz = Files.write(dir.resolve("gzipped.csv"), IdxReaderTest.gzip(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(d.id(), DenseFileReader.readCsv(gz, 0).id());
    }

    /**
     * A small gzip file that unpacks to far more than the reader may take in stops at the limit,
     * before the values fill the heap; a file within the limit reads as without one.
     */
    @Test
    void aFileUnpackingPastTheLimitStopsThere() throws IOException {
        String row = "1,0,0,0,0,0,0,0,0,0\n";
        Path bomb = Files.write(dir.resolve("bomb.csv.gz"), IdxReaderTest.gzip(row.repeat(500_000).getBytes(StandardCharsets.UTF_8)));
        DataFileException e = assertThrows(DataFileException.class, () -> DenseFileReader.readCsv(bomb, 0, 100_000));
        assertEquals(bomb + ": unpacks to more than the limit of 100,000 bytes", e.getMessage());
        assertEquals(true, e.tooLarge());
        Path libsvm = Files.write(dir.resolve("bomb.libsvm.gz"), IdxReaderTest.gzip("1 1:0.5 3:2\n".repeat(500_000).getBytes(StandardCharsets.UTF_8)));
        e = assertThrows(DataFileException.class, () -> DenseFileReader.readLibsvm(libsvm, 0, 100_000));
        assertEquals(true, e.tooLarge(), e.getMessage());
        Path small = write("small.csv", row.repeat(10));
        assertEquals(DenseFileReader.readCsv(small, 0).id(), DenseFileReader.readCsv(small, 0, row.length() * 10L).id());
    }

    @Test
    void libsvmIsDensifiedWithZerosForAbsentIndices() throws IOException {
        Path f = write("frames.libsvm", "# three frames\n3 1:0.5 4:-2\n0 2:1.5   # a comment\n+1\n");
        Dataset d = DenseFileReader.readLibsvm(f);
        assertEquals(4, d.dim());   // the largest index
        assertEquals(4, d.classes());
        assertArrayEquals(new float[] {0.5f, 0, 0, -2, 0, 1.5f, 0, 0, 0, 0, 0, 0}, d.x());
        assertArrayEquals(new int[] {3, 0, 1}, d.labels());

        Dataset wide = DenseFileReader.readLibsvm(f, 6);
        assertEquals(6, wide.dim());
        assertArrayEquals(new float[] {0.5f, 0, 0, -2, 0, 0, 0, 1.5f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, wide.x());
    }

    @Test
    void csvAndLibsvmOfTheSameDataAgree() throws IOException {
        Dataset csv = DenseFileReader.readCsv(write("a.csv", "label,x1,x2,x3\n2,0,1.5,0\n0,-3,0,4\n"), "label");
        Dataset svm = DenseFileReader.readLibsvm(write("a.svm", "2 2:1.5\n0 1:-3 3:4\n"), 3);
        assertArrayEquals(csv.x(), svm.x());
        assertArrayEquals(csv.labels(), svm.labels());
        assertEquals(csv.id(), svm.id());
    }

    @FunctionalInterface
    interface Reader {
        Dataset read(Path file) throws DataFileException;
    }

    static Stream<Arguments> badFiles() {
        Reader csv0 = f -> DenseFileReader.readCsv(f, 0);
        Reader svm = DenseFileReader::readLibsvm;
        return Stream.of(
                bad("ragged CSV row", "1,2,3\n0,4\n", csv0, "line 2: row has 2 values, expected 3 (as on line 1)"),
                bad("non-numeric CSV cell", "1,2,3\n0,x,5\n", csv0, "line 2, column 1: 'x' is not a number"),
                bad("empty CSV cell", "1,2,3\n0,,5\n", csv0, "line 2, column 1: empty cell"),
                bad("NaN feature", "1,2\n0,NaN\n", csv0, "line 2, column 1: 'NaN' is not a finite float"),
                bad("negative CSV label", "1,2\n-1,3\n", csv0, "line 2, column 0: label -1 is negative"),
                bad("fractional CSV label", "2.5,1\n", csv0, "line 1, column 0: label 2.5 is not a whole number"),
                bad("non-numeric CSV label", "1,2\nb,3\n", csv0, "line 2, column 0: label 'b' is not a number"),
                bad("label beyond the limit", "70000,1\n", csv0, "label 70000 is larger than 65535"),
                bad("label column past the row", "1,2\n", f -> DenseFileReader.readCsv(f, 5),
                        "line 1: label column 5 does not exist: the row has 2 columns (0..1)"),
                bad("no column of that name", "a,b\n1,2\n", f -> DenseFileReader.readCsv(f, "label"),
                        "line 1: no column named 'label' in the header (columns: a, b)"),
                bad("header without rows", "y,a,b\n", csv0, "a header line but no data rows"),
                bad("quoted CSV cell that never closes", "1,2\n0,\"3\n", csv0, "line 2: not CSV"),
                bad("quoted CSV cell that is not a number", "1,2\n0,\"x\"\n", csv0, "line 2, column 1: 'x' is not a number"),
                bad("only a label column", "1\n2\n", csv0, "no feature columns"),
                bad("empty CSV file", "", csv0, "empty file"),
                bad("blank CSV file", "\n  \n", csv0, "empty file"),
                bad("LIBSVM index out of order", "1 1:1\n1 3:1 2:1\n", svm, "line 2: index 2 comes after index 3: indices must increase"),
                bad("LIBSVM index repeated", "1 2:1 2:5\n", svm, "line 1: index 2 comes after index 2"),
                bad("LIBSVM index 0", "1 0:1\n", svm, "line 1: index 0 is less than 1 (LIBSVM indices start at 1)"),
                bad("LIBSVM negative index", "1 -2:1\n", svm, "line 1: index -2 is less than 1"),
                bad("LIBSVM index beyond the given dimension", "1 1:1\n0 4:1\n", f -> DenseFileReader.readLibsvm(f, 3),
                        "line 2: index 4 is larger than the dimension 3"),
                bad("LIBSVM pair without colon", "1 3\n", svm, "line 1: '3' is not index:value"),
                bad("LIBSVM non-integer index", "1 a:2\n", svm, "line 1: index 'a' in 'a:2' is not a whole number"),
                bad("LIBSVM non-numeric value", "1 3:x\n", svm, "line 1: 'x' is not a number"),
                bad("LIBSVM negative label", "0 1:1\n-1 1:2\n", svm, "line 2: label -1 is negative"),
                bad("LIBSVM comments only", "# nothing\n\n", svm, "empty file"),
                bad("LIBSVM without any feature", "1\n0\n", svm, "dimension is unknown"));
    }

    private static Arguments bad(String name, String content, Reader reader, String fragment) {
        return Arguments.of(Named.of(name, content), reader, List.of(fragment));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badFileGivesOneMessageNamingFileLineAndProblem(String content, Reader reader, List<String> fragments) throws IOException {
        Path f = write("bad.txt", content);
        DataFileException e = assertThrows(DataFileException.class, () -> reader.read(f));
        IdxReaderTest.assertMessage(e, f, fragments.toArray(String[]::new));
    }

    @Test
    void missingAndUnreadableFiles() throws IOException {
        Path missing = dir.resolve("absent.csv");
        IdxReaderTest.assertMessage(assertThrows(DataFileException.class, () -> DenseFileReader.readCsv(missing, 0)),
                missing, "cannot read: no such file");
        IdxReaderTest.assertMessage(assertThrows(DataFileException.class, () -> DenseFileReader.readLibsvm(missing)),
                missing, "cannot read: no such file");
        // running as root, permissions do not stop reading; a directory is unreadable as a file for anyone
        Path directory = Files.createDirectory(dir.resolve("features.csv"));
        IdxReaderTest.assertMessage(assertThrows(DataFileException.class, () -> DenseFileReader.readCsv(directory, 0)),
                directory, "cannot read: it is a directory");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
