package rwsweep.driver.store;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import rwsweep.driver.sweep.NumberText;

/**
 * A stored table as CSV — trials.csv, or a random-walk store's walks.csv — and back: a header of
 * the column names, then one row per record ({@link CsvFile}'s format), numbers in Java's
 * round-trip form ({@link NumberText#exact}; NaN, Infinity and -Infinity as pandas and Java read
 * them), arrays as {@code ;}-joined numbers, a column an older record lacks as an empty cell. So
 * the file is a copy of every column exact to the bit, and the store falls back on it when
 * results.parquet is missing or unreadable, so the trials (points) it lists are not run again.
 */
final class TableCsv {
    private TableCsv() { }

    /** Writes the header of {@code table} and one row per element of {@code rows} onto {@code out}. */
    static void write(Writer out, StoreColumns<?> table, List<TableRow> rows) throws IOException {
        try (CsvFile.RowWriter csv = CsvFile.writer(out, List.of(table.names()))) {
            for (TableRow row : rows) csv.row(cells(table, row));
        }
    }

    /** One row's cells, in column order. */
    static List<String> cells(StoreColumns<?> table, TableRow row) {
        List<String> cells = new ArrayList<>(table.size());
        for (int i = 0; i < table.size(); i++) {
            Object v = row.get(i);
            cells.add(v == null ? "" : switch (table.kind(i)) {   // null: a column the row's writer did not have yet
                case STRING -> (String) v;
                case INT, LONG -> v.toString();
                case DOUBLE -> NumberText.exact((Double) v);
                case INTS -> {
                    StringJoiner j = new StringJoiner(";");
                    for (int x : (int[]) v) j.add(Integer.toString(x));
                    yield j.toString();
                }
                case DOUBLES -> {
                    StringJoiner j = new StringJoiner(";");
                    for (double x : (double[]) v) j.add(NumberText.exact(x));
                    yield j.toString();
                }
            });
        }
        return cells;
    }

    /**
     * The rows of a CSV text of {@code table}. Columns are found by header name (a column the file lacks
     * stays null, one it has extra is skipped).
     *
     * @throws IOException naming the line, when a row does not parse
     */
    static List<TableRow> parse(String text, StoreColumns<?> table) throws IOException {
        List<List<String>> records = CsvFile.rows(text);
        List<TableRow> rows = new ArrayList<>();
        if (records.isEmpty()) return rows;
        List<String> header = records.get(0);
        int[] columnOf = new int[header.size()];
        for (int h = 0; h < header.size(); h++) columnOf[h] = table.index(header.get(h));
        if (!header.contains("key") || !header.contains("status") || !header.contains("finishedAt")) {
            throw new IOException("line 1: the header names no key, status or finishedAt column");
        }
        for (int r = 1; r < records.size(); r++) {
            List<String> fields = records.get(r);
            if (fields.size() != header.size()) {
                throw new IOException("row " + r + ": " + fields.size() + " fields, the header has " + header.size());
            }
            Object[] values = new Object[table.size()];
            for (int h = 0; h < fields.size(); h++) {
                int c = columnOf[h];
                if (c < 0) continue;
                try {
                    values[c] = value(table.kind(c), fields.get(h));
                } catch (NumberFormatException e) {
                    throw new IOException("row " + r + ", column " + header.get(h) + ": " + e.getMessage());
                }
            }
            rows.add(new TableRow(table, values));
        }
        return rows;
    }

    private static Object value(StoreColumns.Kind kind, String text) {
        return switch (kind) {
            case STRING -> text;
            case INT -> Integer.parseInt(text);
            case LONG -> Long.parseLong(text);
            case DOUBLE -> Double.parseDouble(text);
            case INTS -> text.isEmpty() ? new int[0] : Arrays.stream(text.split(";")).mapToInt(Integer::parseInt).toArray();
            case DOUBLES -> text.isEmpty() ? new double[0] : Arrays.stream(text.split(";")).mapToDouble(Double::parseDouble).toArray();
        };
    }
}
