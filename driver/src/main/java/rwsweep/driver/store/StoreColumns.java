package rwsweep.driver.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns of one kind of stored record — a trial ({@link ResultColumns}) or a random-walk
 * point ({@link WalkColumns}) — and the conversions that follow from the list: the Spark schema
 * (Parquet), one JSON line per record (the durable per-record file an executor writes), the CSV
 * header and one CSV row of a table row. Every record kind has the columns {@code key},
 * {@code sweep}, {@code status} and {@code finishedAt}, which the store's deduplication reads.
 *
 * @param <S> what a record is read off: the result with its sweep name and write time
 */
public final class StoreColumns<S> {
    /** Column value kinds, each with its Spark type. */
    public enum Kind {
        STRING(DataTypes.StringType),
        INT(DataTypes.IntegerType),
        LONG(DataTypes.LongType),
        DOUBLE(DataTypes.DoubleType),
        INTS(DataTypes.createArrayType(DataTypes.IntegerType, false)),
        DOUBLES(DataTypes.createArrayType(DataTypes.DoubleType, false));

        final DataType sparkType;

        Kind(DataType sparkType) { this.sparkType = sparkType; }
    }

    /** One column: name, kind, meaning (for the README's store layout) and how to read it off a record. */
    public record Column<S>(String name, Kind kind, String meaning, Function<S, Object> get) { }

    private static final JsonFactory JSON = new JsonFactory();

    private final List<Column<S>> columns;
    private final StructType schema;

    StoreColumns(List<Column<S>> columns) {
        this.columns = List.copyOf(columns);
        List<StructField> fields = new ArrayList<>();
        for (Column<S> c : columns) fields.add(DataTypes.createStructField(c.name(), c.kind().sparkType, false));
        this.schema = DataTypes.createStructType(fields);
        for (String required : List.of("key", "sweep", "status", "finishedAt")) {
            if (columns.stream().noneMatch(c -> c.name().equals(required))) {
                throw new IllegalArgumentException("a stored record needs a column '" + required + "'");
            }
        }
    }

    static <S> Column<S> col(String name, Kind kind, String meaning, Function<S, Object> get) {
        return new Column<>(name, kind, meaning, get);
    }

    public List<Column<S>> columns() { return columns; }

    /** The Spark schema of the table; no column is nullable. */
    public StructType schema() { return schema; }

    /** Column names in order. */
    public String[] names() {
        return columns.stream().map(Column::name).toArray(String[]::new);
    }

    /**
     * One JSON object on one line, fields in column order: the durable per-record file. Doubles
     * are written in Java's round-trip form; NaN and ±Infinity as the strings "NaN", "Infinity",
     * "-Infinity", which Spark's JSON reader takes back as doubles.
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

    /** The CSV header: the column names. */
    public String csvHeader() {
        return String.join(",", names());
    }

    /**
     * One CSV row of a table row: numbers in Java's round-trip form (NaN, Infinity and -Infinity
     * as pandas and Java read them), arrays as {@code ;}-joined numbers, text quoted when it holds
     * a comma, quote, line break or edge space (quotes doubled, RFC 4180). A column an older
     * record lacks (null) is an empty cell.
     */
    public String csvRow(Row row) {
        StringBuilder b = new StringBuilder(512);
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) b.append(',');
            if (row.isNullAt(i)) continue;
            switch (columns.get(i).kind()) {
                case STRING -> b.append(csvText(row.getString(i)));
                case INT -> b.append(row.getInt(i));
                case LONG -> b.append(row.getLong(i));
                case DOUBLE -> b.append(row.getDouble(i));
                case INTS, DOUBLES -> {
                    List<Object> values = row.getList(i);
                    for (int k = 0; k < values.size(); k++) {
                        if (k > 0) b.append(';');
                        b.append(values.get(k));
                    }
                }
            }
        }
        return b.toString();
    }

    private static String csvText(String s) {
        boolean quote = !s.isEmpty() && (Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1)));
        for (int i = 0; i < s.length() && !quote; i++) {
            char ch = s.charAt(i);
            quote = ch == ',' || ch == '"' || ch == '\n' || ch == '\r';
        }
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /** The ints of an array column. */
    static int[] ints(Row row, String name) {
        List<Object> values = row.getList(row.fieldIndex(name));
        int[] a = new int[values.size()];
        for (int i = 0; i < a.length; i++) a[i] = (Integer) values.get(i);
        return a;
    }

    /** The doubles of an array column. */
    static double[] doubles(Row row, String name) {
        List<Object> values = row.getList(row.fieldIndex(name));
        double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++) a[i] = (Double) values.get(i);
        return a;
    }
}
