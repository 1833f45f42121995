package rwsweep.driver.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * The one CSV format of everything rwsweep writes — trials.csv, walks.csv and every table of a
 * summary — written and read by Jackson's CSV module: RFC 4180, a header line, one line per row
 * ending in {@code \n}, a cell quoted exactly when it holds a comma, a quote (doubled inside) or a
 * line break. Cells are text; how a number becomes text is {@code NumberText}'s business.
 */
public final class CsvFile {
    /** Strict quoting: every character of a cell is checked, not the fast heuristic. */
    private static final CsvFactory CSV = CsvFactory.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

    private CsvFile() { }

    /** Writes rows of cells, the header first, one row at a time (for tables too large to hold twice). */
    public static final class RowWriter implements AutoCloseable {
        private final CsvGenerator csv;
        private final int columns;

        private RowWriter(Writer out, List<String> header) throws IOException {
            csv = (CsvGenerator) CSV.createGenerator(out);
            columns = header.size();
            row(header);
        }

        /** One row; it must have one cell per header column. */
        public void row(List<String> cells) throws IOException {
            if (cells.size() != columns) throw new IllegalArgumentException("a row of " + cells.size() + " cells under " + columns + " columns");
            csv.writeStartArray();
            for (String cell : cells) csv.writeString(cell);
            csv.writeEndArray();
        }

        /** Flushes the rows; the writer underneath stays open. */
        @Override
        public void close() throws IOException {
            csv.flush();
        }
    }

    /** A writer of rows under {@code header} onto {@code out}. */
    public static RowWriter writer(Writer out, List<String> header) throws IOException {
        return new RowWriter(out, header);
    }

    /** The CSV text of a header and rows. */
    public static String text(List<String> header, List<List<String>> rows) {
        StringWriter text = new StringWriter();
        try (RowWriter w = writer(text, header)) {
            for (List<String> row : rows) w.row(row);
        } catch (IOException e) {
            throw new UncheckedIOException("writing CSV to memory", e);
        }
        return text.toString();
    }

    /**
     * The rows of a CSV text, the header first, each as its cells unquoted; a line without any
     * character is no row.
     *
     * @throws IOException naming the line, for text that is not CSV (a quoted cell that never closes)
     */
    public static List<List<String>> rows(String text) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        int line = 1;
        try (CsvParser csv = (CsvParser) CSV.createParser(text)) {
            while (csv.nextToken() == JsonToken.START_ARRAY) {
                line = csv.currentLocation().getLineNr();
                List<String> cells = new ArrayList<>();
                while (csv.nextToken() == JsonToken.VALUE_STRING) cells.add(csv.getText());
                if (cells.size() == 1 && cells.get(0).isEmpty()) continue;
                rows.add(cells);
            }
        } catch (JsonProcessingException e) {
            throw new IOException("line " + line + ": not CSV (" + e.getOriginalMessage() + ")", e);
        }
        return rows;
    }
}
