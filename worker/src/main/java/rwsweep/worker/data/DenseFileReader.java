package rwsweep.worker.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Reads dense feature vectors a user brings (TIMIT-like frame features) from a text file, gzipped or
 * not, into a {@link Dataset}; values are kept as written (standardise with {@link Standardizer}).
 *
 * <ul>
 * <li>CSV (RFC 4180): comma-separated numbers, one example per line, a cell quoted or not, the label
 *     in one column chosen by 0-based index or by header name. The first line is a header when one of
 *     its non-label cells is not a number (and must be one when the label column is given by name).
 *     Every row has as many cells as the first.</li>
 * <li>LIBSVM: {@code label index:value index:value ...}, indices 1-based and strictly increasing,
 *     absent indices are 0; the dimension is the largest index in the file unless given. Text after
 *     {@code #} is a comment.</li>
 * </ul>
 * In both, labels are whole numbers 0..{@value #MAX_LABEL} ("3" or "3.0") and classes = largest
 * label + 1; blank lines are skipped; every value must be a finite number. Errors name the file, the
 * line (1-based) and, for CSV, the column (0-based, as the label column is given).
 */
public final class DenseFileReader {
    /**
     * Largest label accepted. classes = max label + 1 sizes the output layer, so a feature column
     * picked as the label by mistake must fail here rather than ask for a million output units.
     */
    public static final int MAX_LABEL = 65_535;

    private DenseFileReader() { }

    /** A CSV file whose label is in column {@code labelColumn} (0-based). */
    public static Dataset readCsv(Path file, int labelColumn) throws DataFileException {
        return readCsv(file, labelColumn, Long.MAX_VALUE);
    }

    /**
     * As {@link #readCsv(Path, int)}, refusing ({@link DataFileException#tooLarge}) a file that
     * unpacks to more than {@code maxBytes} bytes, as soon as it passes them.
     */
    public static Dataset readCsv(Path file, int labelColumn, long maxBytes) throws DataFileException {
        if (labelColumn < 0) throw new IllegalArgumentException(file + ": label column must be 0 or more, got " + labelColumn);
        return readCsv(file, labelColumn, null, maxBytes);
    }

    /**
     * The same from a stream a caller opened (a file of another file system: hdfs://…, s3a://…),
     * gzipped or not; {@code where} names it in messages and its last part names the dataset. The
     * stream is closed.
     */
    public static Dataset readCsv(String where, InputStream in, int labelColumn) throws DataFileException {
        if (labelColumn < 0) throw new IllegalArgumentException(where + ": label column must be 0 or more, got " + labelColumn);
        return csv(where, DataFile.nameOf(where), DataFile.decompressed(where, in), labelColumn, null);
    }

    /** The same from a stream, the label in the column headed {@code labelColumn}. */
    public static Dataset readCsv(String where, InputStream in, String labelColumn) throws DataFileException {
        return csv(where, DataFile.nameOf(where), DataFile.decompressed(where, in), -1, labelColumn);
    }

    /** A CSV file with a header line, whose label is in the column headed {@code labelColumn}. */
    public static Dataset readCsv(Path file, String labelColumn) throws DataFileException {
        return readCsv(file, -1, labelColumn, Long.MAX_VALUE);
    }

    /** As {@link #readCsv(Path, String)}, refusing a file that unpacks to more than {@code maxBytes} bytes. */
    public static Dataset readCsv(Path file, String labelColumn, long maxBytes) throws DataFileException {
        return readCsv(file, -1, labelColumn, maxBytes);
    }

    /** A LIBSVM file; the dimension is the largest index that occurs. */
    public static Dataset readLibsvm(Path file) throws DataFileException {
        return libsvm(file.toString(), file.getFileName().toString(), DataFile.open(file), 0);
    }

    /** The same from a stream a caller opened, as {@link #readCsv(String, InputStream, int)}. */
    public static Dataset readLibsvm(String where, InputStream in) throws DataFileException {
        return libsvm(where, DataFile.nameOf(where), DataFile.decompressed(where, in), 0);
    }

    /**
     * A LIBSVM file of {@code dim}-dimensional examples (0: the largest index in the file), refusing
     * a file that unpacks to more than {@code maxBytes} bytes (see {@link #readCsv(Path, int, long)}).
     */
    public static Dataset readLibsvm(Path file, int dim, long maxBytes) throws DataFileException {
        if (dim < 0) throw new IllegalArgumentException(file + ": dimension must be 0 (from the file) or more, got " + dim);
        return libsvm(file.toString(), file.getFileName().toString(), DataFile.open(file, maxBytes), dim);
    }

    /** A LIBSVM file of {@code dim}-dimensional examples: a larger index is an error. */
    public static Dataset readLibsvm(Path file, int dim) throws DataFileException {
        if (dim < 1) throw new IllegalArgumentException(file + ": dimension must be at least 1, got " + dim);
        return libsvm(file.toString(), file.getFileName().toString(), DataFile.open(file), dim);
    }

    /** {@code dim} = 0: the largest index in the file. */
    private static Dataset libsvm(String where, String name, InputStream raw, int dim) throws DataFileException {
        FloatList values = new FloatList();
        IntStream.Builder indices = IntStream.builder();   // 0-based, sparse, row after row
        IntStream.Builder rowEnds = IntStream.builder();    // end of each row in indices/values
        IntStream.Builder labels = IntStream.builder();
        int maxIndex = 0;
        int rows = 0;
        int entries = 0;
        try (BufferedReader in = reader(raw)) {
            String line;
            for (int ln = 1; (line = in.readLine()) != null; ln++) {
                int hash = line.indexOf('#');
                String[] tokens = (hash < 0 ? line : line.substring(0, hash)).trim().split("\\s+");
                if (tokens[0].isEmpty()) continue;
                labels.add(label(where, ln, "", tokens[0]));
                int previous = 0;
                for (int t = 1; t < tokens.length; t++) {
                    String token = tokens[t];
                    int colon = token.indexOf(':');
                    if (colon < 0) throw new DataFileException(where, "line " + ln + ": '" + token + "' is not index:value");
                    int index;
                    try {
                        index = Integer.parseInt(token.substring(0, colon));
                    } catch (NumberFormatException e) {
                        throw new DataFileException(where, "line " + ln + ": index '" + token.substring(0, colon) + "' in '" + token + "' is not a whole number");
                    }
                    if (index < 1) throw new DataFileException(where, "line " + ln + ": index " + index + " is less than 1 (LIBSVM indices start at 1)");
                    if (index <= previous) {
                        throw new DataFileException(where, "line " + ln + ": index " + index + " comes after index " + previous + ": indices must increase along a line");
                    }
                    if (dim > 0 && index > dim) throw new DataFileException(where, "line " + ln + ": index " + index + " is larger than the dimension " + dim);
                    previous = index;
                    indices.add(index - 1);
                    values.add(number(where, ln, "", token.substring(colon + 1)));
                    entries++;
                }
                maxIndex = Math.max(maxIndex, previous);
                rowEnds.add(entries);
                rows++;
            }
        } catch (IOException e) {
            throw DataFile.readFailure(where, e);
        }
        if (rows == 0) throw new DataFileException(where, "empty file: no LIBSVM lines (label index:value ...)");
        int d = dim > 0 ? dim : maxIndex;
        if (d == 0) throw new DataFileException(where, "no index:value pair on any line, so the dimension is unknown: give it");
        if ((long) rows * d > Integer.MAX_VALUE - 8) throw new DataFileException(where, rows + " examples × " + d + " dimensions do not fit in one Java array");
        float[] x = new float[rows * d];     // (d × rows) column-major; absent indices stay 0
        int[] idx = indices.build().toArray();
        int[] ends = rowEnds.build().toArray();
        for (int r = 0, k = 0; r < rows; r++) {
            for (; k < ends[r]; k++) x[r * d + idx[k]] = values.get(k);
        }
        return dataset(name, d, x, labels.build().toArray());
    }

    /**
     * CSV as RFC 4180 writes it, read by Jackson's streaming CSV parser: a cell may be quoted
     * ({@code "1.5"}, {@code "a, b"} for a header name holding a comma, {@code ""} for a quote), and
     * the surrounding spaces of a cell are ignored. Without a schema each row arrives as an array
     * of cells.
     */
    private static final CsvFactory CSV = CsvFactory.builder().enable(CsvParser.Feature.TRIM_SPACES).build();

    private static Dataset readCsv(Path file, int labelIndex, String labelName, long maxBytes) throws DataFileException {
        return csv(file.toString(), file.getFileName().toString(), DataFile.open(file, maxBytes), labelIndex, labelName);
    }

    /** {@code raw}: opened and decompressed ({@link DataFile}); closed here. */
    private static Dataset csv(String where, String name, InputStream raw, int labelIndex, String labelName) throws DataFileException {
        FloatList x = new FloatList();
        IntStream.Builder labels = IntStream.builder();
        int columns = -1;
        int label = labelIndex;
        int firstLine = 0;
        int ln = 0;
        try (CsvParser rows = (CsvParser) CSV.createParser(reader(raw))) {
            List<String> cells = new ArrayList<>();
            while (rows.nextToken() == JsonToken.START_ARRAY) {
                ln = rows.currentLocation().getLineNr();  // where this row starts
                cells.clear();
                while (rows.nextToken() == JsonToken.VALUE_STRING) cells.add(rows.getText());
                if (cells.isEmpty() || (cells.size() == 1 && cells.get(0).isBlank())) continue;
                if (columns < 0) {
                    columns = cells.size();
                    firstLine = ln;
                    if (labelName != null) {
                        label = headerIndex(where, ln, cells, labelName);
                        continue;
                    }
                    if (label >= columns) {
                        throw new DataFileException(where, "line " + ln + ": label column " + label + " does not exist: the row has "
                                + columns + " columns (0.." + (columns - 1) + ")");
                    }
                    if (isHeader(cells, label)) continue;
                } else if (cells.size() != columns) {
                    throw new DataFileException(where, "line " + ln + ": row has " + cells.size() + " values, expected " + columns
                            + " (as on line " + firstLine + ")");
                }
                for (int c = 0; c < cells.size(); c++) {
                    if (c == label) labels.add(label(where, ln, ", column " + c, cells.get(c)));
                    else x.add(number(where, ln, ", column " + c, cells.get(c)));
                }
            }
        } catch (JsonProcessingException e) {
            // a quoted cell that never closes, say: Jackson's own words, at the row it started
            throw new DataFileException(where, "line " + Math.max(ln, 1) + ": not CSV (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw DataFile.readFailure(where, e);
        }
        if (columns < 0) throw new DataFileException(where, "empty file: no CSV rows");
        if (columns < 2) throw new DataFileException(where, "only the label column: no feature columns");
        int[] ls = labels.build().toArray();
        if (ls.length == 0) throw new DataFileException(where, "a header line but no data rows");
        return dataset(name, columns - 1, x.toArray(), ls);
    }

    /** The header's column called {@code name} (surrounding spaces ignored; a quoted name is its text). */
    private static int headerIndex(String where, int ln, List<String> cells, String name) throws DataFileException {
        List<String> names = new ArrayList<>();
        for (String cell : cells) names.add(cell.trim());
        int index = names.indexOf(name);
        if (index < 0) {
            throw new DataFileException(where, "line " + ln + ": no column named '" + name + "' in the header (columns: "
                    + String.join(", ", names) + ")");
        }
        return index;
    }

    /** A first row is a header when some non-label cell is not a number. */
    private static boolean isHeader(List<String> cells, int label) {
        for (int c = 0; c < cells.size(); c++) {
            if (c == label) continue;
            try {
                Float.parseFloat(cells.get(c).trim());
            } catch (NumberFormatException e) {
                return true;
            }
        }
        return false;
    }

    private static float number(String where, int ln, String column, String cell) throws DataFileException {
        String s = cell.trim();
        if (s.isEmpty()) throw new DataFileException(where, "line " + ln + column + ": empty cell, expected a number");
        float v;
        try {
            v = Float.parseFloat(s);
        } catch (NumberFormatException e) {
            throw new DataFileException(where, "line " + ln + column + ": '" + s + "' is not a number");
        }
        if (!Float.isFinite(v)) throw new DataFileException(where, "line " + ln + column + ": '" + s + "' is not a finite float");
        return v;
    }

    private static int label(String where, int ln, String column, String cell) throws DataFileException {
        String s = cell.trim();
        if (s.isEmpty()) throw new DataFileException(where, "line " + ln + column + ": empty label cell; labels are whole numbers 0.." + MAX_LABEL);
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new DataFileException(where, "line " + ln + column + ": label '" + s + "' is not a number; labels are whole numbers 0.." + MAX_LABEL);
        }
        if (v != Math.rint(v)) throw new DataFileException(where, "line " + ln + column + ": label " + s + " is not a whole number; labels are whole numbers 0.." + MAX_LABEL);
        if (v < 0) throw new DataFileException(where, "line " + ln + column + ": label " + s + " is negative; labels are whole numbers 0.." + MAX_LABEL);
        if (v > MAX_LABEL) throw new DataFileException(where, "line " + ln + column + ": label " + s + " is larger than " + MAX_LABEL + " (is the label column right?)");
        return (int) v;
    }

    private static Dataset dataset(String name, int dim, float[] x, int[] labels) {
        int classes = Arrays.stream(labels).max().orElseThrow() + 1;
        return new Dataset(name, dim, classes, x, labels);
    }

    private static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), DataFile.BUFFER);
    }

    /** A growable float[]: features arrive a value at a time and the row count is not known ahead. */
    private static final class FloatList {
        private float[] a = new float[1024];
        private int n;

        void add(float v) {
            if (n == a.length) a = Arrays.copyOf(a, (int) Math.min(2L * a.length, Integer.MAX_VALUE - 8));
            a[n++] = v;
        }

        float get(int i) { return a[i]; }

        float[] toArray() { return Arrays.copyOf(a, n); }
    }
}
