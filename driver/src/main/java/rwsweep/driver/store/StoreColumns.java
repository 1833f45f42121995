package rwsweep.driver.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The columns of one kind of stored record — a trial ({@link ResultColumns}) or a random-walk
 * point ({@link WalkColumns}) — and the conversions that follow from the list: the Parquet schema
 * ({@link ParquetTable}), one JSON line per record (the durable per-record file an executor
 * writes) and back; the CSV form of the table is {@link TableCsv}'s. None of it needs
 * Spark. Every record kind has the columns {@code key}, {@code sweep}, {@code status} and
 * {@code finishedAt}, which the store's deduplication reads.
 *
 * @param <S> what a record is read off: the result with its sweep name and write time
 */
public final class StoreColumns<S> {
    /**
     * Column value kinds: text, int32, int64, double, and lists of int32 or double (in Parquet
     * as Spark writes them, so pandas/pyarrow and Spark see strings, numbers and lists).
     */
    public enum Kind { STRING, INT, LONG, DOUBLE, INTS, DOUBLES }

    /** One column: name, kind, meaning (for the README's store layout) and how to read it off a record. */
    public record Column<S>(String name, Kind kind, String meaning, Function<S, Object> get) { }

    private static final JsonFactory JSON = new JsonFactory();

    private final List<Column<S>> columns;
    private final Map<String, Integer> index = new HashMap<>();

    StoreColumns(List<Column<S>> columns) {
        this.columns = List.copyOf(columns);
        for (int i = 0; i < this.columns.size(); i++) index.put(this.columns.get(i).name(), i);
        for (String required : List.of("key", "sweep", "status", "finishedAt")) {
            if (!index.containsKey(required)) {
                throw new IllegalArgumentException("a stored record needs a column '" + required + "'");
            }
        }
        if (index.get("key") != 0) throw new IllegalArgumentException("the first column of a stored record is its key");
    }

    static <S> Column<S> col(String name, Kind kind, String meaning, Function<S, Object> get) {
        return new Column<>(name, kind, meaning, get);
    }

    public List<Column<S>> columns() { return columns; }

    /** The number of columns. */
    public int size() { return columns.size(); }

    /** The kind of column {@code i}. */
    Kind kind(int i) { return columns.get(i).kind(); }

    /** The index of column {@code name}, or -1 when the table has no such column. */
    int index(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    /** Column names in order. */
    public String[] names() {
        return columns.stream().map(Column::name).toArray(String[]::new);
    }

    /** The stored row of a record: every column's value, in column order. */
    TableRow row(S s) {
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) values[i] = columns.get(i).get().apply(s);
        return new TableRow(this, values);
    }

    /**
     * One JSON object on one line, fields in column order: the durable per-record file. Doubles
     * are written in Java's round-trip form; NaN and ±Infinity as the strings "NaN", "Infinity",
     * "-Infinity", which {@link #fromJson} (and Spark's JSON reader) take back as doubles.
     */
    public String jsonLine(S s) {
        StringWriter text = new StringWriter(1024);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            for (Column<S> c : columns) {
                json.writeFieldName(c.name());
                Object v = c.get().apply(s);
                switch (c.kind()) {
                    case STRING -> json.writeString((String) v);
                    case INT -> json.writeNumber((Integer) v);
                    case LONG -> json.writeNumber((Long) v);
                    case DOUBLE -> json.writeNumber((Double) v);
                    case INTS -> { int[] a = (int[]) v; json.writeArray(a, 0, a.length); }
                    case DOUBLES -> { double[] a = (double[]) v; json.writeArray(a, 0, a.length); }
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing a JSON record to memory", e);
        }
        return text.append('\n').toString();
    }

    /**
     * The row of one JSON record ({@link #jsonLine}'s format). Fields this table does not know
     * are skipped and columns the record lacks stay null (a record of an older or newer rwsweep);
     * a record without key, status or finishedAt, or with a value of the wrong type, is malformed.
     *
     * @throws IOException naming what is wrong, for a record that is not one whole JSON object
     */
    TableRow fromJson(String text) throws IOException {
        Object[] values = new Object[columns.size()];
        try (JsonParser json = JSON.createParser(text)) {
            if (json.nextToken() != JsonToken.START_OBJECT) throw new IOException("not a JSON object");
            for (JsonToken t = json.nextToken(); t != JsonToken.END_OBJECT; t = json.nextToken()) {
                if (t != JsonToken.FIELD_NAME) throw new IOException("expected a field name, got " + t);
                int i = index(json.currentName());
                JsonToken value = json.nextToken();
                if (value == null) throw new IOException("cut short");
                if (i < 0) {
                    json.skipChildren();
                    continue;
                }
                values[i] = jsonValue(json, value, columns.get(i));
            }
            if (json.nextToken() != null) throw new IOException("text after the record");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(e.getOriginalMessage(), e);
        }
        for (String required : new String[] {"key", "status", "finishedAt"}) {
            if (values[index(required)] == null) throw new IOException("no " + required);
        }
        return new TableRow(this, values);
    }

    private static Object jsonValue(JsonParser json, JsonToken t, Column<?> c) throws IOException {
        if (t == JsonToken.VALUE_NULL) return null;
        switch (c.kind()) {
            case STRING -> {
                if (t != JsonToken.VALUE_STRING) throw wrong(c, t);
                return json.getText();
            }
            case INT -> {
                if (t != JsonToken.VALUE_NUMBER_INT) throw wrong(c, t);
                return json.getIntValue();
            }
            case LONG -> {
                if (t != JsonToken.VALUE_NUMBER_INT) throw wrong(c, t);
                return json.getLongValue();
            }
            case DOUBLE -> {
                return jsonDouble(json, t, c);
            }
            case INTS -> {
                if (t != JsonToken.START_ARRAY) throw wrong(c, t);
                int[] a = new int[8];
                int n = 0;
                for (JsonToken e = json.nextToken(); e != JsonToken.END_ARRAY; e = json.nextToken()) {
                    if (e != JsonToken.VALUE_NUMBER_INT) throw wrong(c, e);
                    if (n == a.length) a = Arrays.copyOf(a, 2 * n);
                    a[n++] = json.getIntValue();
                }
                return Arrays.copyOf(a, n);
            }
            case DOUBLES -> {
                if (t != JsonToken.START_ARRAY) throw wrong(c, t);
                double[] a = new double[16];
                int n = 0;
                for (JsonToken e = json.nextToken(); e != JsonToken.END_ARRAY; e = json.nextToken()) {
                    if (n == a.length) a = Arrays.copyOf(a, 2 * n);
                    a[n++] = jsonDouble(json, e, c);
                }
                return Arrays.copyOf(a, n);
            }
        }
        throw new AssertionError(c.kind());
    }

    /** A double: a JSON number, or "NaN", "Infinity", "-Infinity" as {@link #jsonLine} writes them. */
    private static double jsonDouble(JsonParser json, JsonToken t, Column<?> c) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) return json.getDoubleValue();
        if (t == JsonToken.VALUE_STRING) {
            switch (json.getText()) {
                case "NaN": return Double.NaN;
                case "Infinity": return Double.POSITIVE_INFINITY;
                case "-Infinity": return Double.NEGATIVE_INFINITY;
                default: break;
            }
        }
        throw wrong(c, t);
    }

    private static IOException wrong(Column<?> c, JsonToken t) {
        return new IOException(c.name() + ": a " + c.kind().name().toLowerCase(Locale.ROOT) + " column, got " + t);
    }

    /** The ints of an array column (a copy). */
    static int[] ints(TableRow row, String name) {
        return ((int[]) row.getAs(name)).clone();
    }

    /** The doubles of an array column (a copy). */
    static double[] doubles(TableRow row, String name) {
        return ((double[]) row.getAs(name)).clone();
    }
}
