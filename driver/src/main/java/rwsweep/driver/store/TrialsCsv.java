package rwsweep.driver.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * trials.csv (or a random-walk store's walks.csv) read back: the table as the end of the last run
 * wrote it ({@link StoreColumns#csvRow}:
 * numbers in Java's round-trip form, arrays {@code ;}-joined, RFC 4180 quoting), so a copy of
 * every column exact to the bit. The store falls back on it when results.parquet is missing or
 * unreadable, so the trials (points) it lists are not run again.
 */
final class TrialsCsv {
    private TrialsCsv() { }

    /**
     * The rows of a CSV text of {@code table}. Columns are found by header name (a column the file lacks
     * stays null, one it has extra is skipped).
     *
     * @throws IOException naming the line, when a row does not parse
     */
    static List<TableRow> parse(String text, StoreColumns<?> table) throws IOException {
        List<List<String>> records = records(text);
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
            if (fields.size() == 1 && fields.get(0).isEmpty()) continue; // a blank line
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
            case INTS -> text.isEmpty() ? new int[0] : java.util.Arrays.stream(text.split(";")).mapToInt(Integer::parseInt).toArray();
            case DOUBLES -> text.isEmpty() ? new double[0] : java.util.Arrays.stream(text.split(";")).mapToDouble(Double::parseDouble).toArray();
        };
    }

    /** RFC 4180 records: fields split on commas, quoted fields may hold commas, quotes ("") and line breaks. */
    private static List<List<String>> records(String text) throws IOException {
        List<List<String>> out = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = text.length();
        boolean any = false;
        while (i < n) {
            char ch = text.charAt(i);
            if (ch == '"' && field.length() == 0) {
                int start = i++;
                while (true) {
                    if (i >= n) throw new IOException("a quoted field from character " + start + " never ends");
                    char q = text.charAt(i++);
                    if (q == '"') {
                        if (i < n && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(q);
                    }
                }
                any = true;
            } else if (ch == ',') {
                record.add(field.toString());
                field.setLength(0);
                i++;
                any = true;
            } else if (ch == '\n' || ch == '\r') {
                record.add(field.toString());
                field.setLength(0);
                out.add(record);
                record = new ArrayList<>();
                i += ch == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
                any = false;
            } else {
                field.append(ch);
                i++;
                any = true;
            }
        }
        if (any || field.length() > 0) {
            record.add(field.toString());
            out.add(record);
        }
        return out;
    }
}
