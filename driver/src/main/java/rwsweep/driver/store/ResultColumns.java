package rwsweep.driver.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import rwsweep.worker.Activation;
import rwsweep.worker.init.InitScheme;
import rwsweep.worker.spec.Provenance;
import rwsweep.worker.spec.Task;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.spec.TrialStatus;

/**
 * The one list of columns a stored trial has — every spec field in its own column, the outcome,
 * the curves, the init diagnostics, wall time and provenance — and the conversions that follow
 * from it: the Parquet schema ({@link ParquetTable}), one JSON line per trial (the durable
 * per-trial record) and back, one CSV row (trials.csv), and from a stored {@link TableRow} to a
 * {@link TrialResult}. None of it needs Spark: the store is read and compacted in the driver's
 * own memory.
 *
 * <p>Two columns are not part of a TrialResult: {@code sweep}, the name of the sweep that ran the
 * trial (a merged directory holds several), and {@code finishedAt}, the UTC time the record was
 * written, which decides between two records of one key (see {@link ResultStore}).
 */
public final class ResultColumns {
    /**
     * Column value kinds: text, int32, int64, double, and lists of int32 or double (in Parquet
     * as Spark writes them, so pandas/pyarrow and Spark see strings, numbers and lists).
     */
    public enum Kind { STRING, INT, LONG, DOUBLE, INTS, DOUBLES }

    /** A finished trial as stored: the result, the sweep that ran it, when it was written. */
    public record Stored(String sweep, String finishedAt, TrialResult result) {
        TrialSpec spec() { return result.spec(); }
        Provenance provenance() { return result.provenance(); }
    }

    /** One column: name, kind, meaning (for the README's store layout) and how to read it off a stored trial. */
    public record Column(String name, Kind kind, String meaning, Function<Stored, Object> get) { }

    public static final List<Column> ALL = List.of(
            col("key", Kind.STRING, "trial key: 16 hex digits of SHA-256 over the spec (TrialSpec.canonical)", s -> s.result().key()),
            col("sweep", Kind.STRING, "name of the sweep that ran the trial", Stored::sweep),
            col("task", Kind.STRING, "CLASSIFY or AUTOENCODE", s -> s.spec().task().name()),
            col("f", Kind.STRING, "hidden nonlinearity: LINEAR, RELU, TANH", s -> s.spec().activation().name()),
            col("depth", Kind.INT, "D, the number of weight layers", s -> s.spec().depth()),
            col("width", Kind.INT, "hidden width N (size of layer 1; 0 without hidden layers)", s -> s.spec().width()),
            col("sizes", Kind.INTS, "layer sizes 0..D", s -> s.spec().sizes()),
            col("codeLayer", Kind.INT, "auto-encoder code layer (0 for classifiers)", s -> s.spec().codeLayer()),
            col("parameterLimit", Kind.LONG, "p_lim the sizes came from (0 when given directly)", s -> s.spec().parameterLimit()),
            col("init", Kind.STRING, "initialisation scheme", s -> s.spec().init().name()),
            col("g", Kind.DOUBLE, "gain of the hidden layers", s -> s.spec().g()),
            col("gIn", Kind.DOUBLE, "gain of layer 1", s -> s.spec().gIn()),
            col("gOut", Kind.DOUBLE, "gain of layer D", s -> s.spec().gOut()),
            col("s", Kind.DOUBLE, "s of the fractional-moment scheme", s -> s.spec().fractionalS()),
            col("leakySlope", Kind.DOUBLE, "leaky-ReLU slope for the fractional-moment variance", s -> s.spec().leakySlope()),
            col("lambdaIn", Kind.DOUBLE, "learning rate of layer 1", s -> s.spec().lambdaIn()),
            col("lambdaOut", Kind.DOUBLE, "learning rate of layer D", s -> s.spec().lambdaOut()),
            col("dMax", Kind.INT, "D_max of the learning-rate interpolation", s -> s.spec().dMax()),
            col("epochs", Kind.INT, "epochs", s -> s.spec().epochs()),
            col("batch", Kind.INT, "minibatch size", s -> s.spec().batchSize()),
            col("decay", Kind.DOUBLE, "learning-rate factor per epoch", s -> s.spec().epochDecay()),
            col("clip", Kind.DOUBLE, "gradient-norm clip (Infinity = none)", s -> s.spec().clipNorm()),
            col("seed", Kind.LONG, "seed of the trial's randomness", s -> s.spec().seed()),
            col("data", Kind.STRING, "identity of the training data (Dataset.id)", s -> s.spec().dataId()),
            col("n", Kind.INT, "training examples used", s -> s.spec().trainSize()),
            col("status", Kind.STRING, "OK, DIVERGED or FAILED", s -> s.result().status().name()),
            col("message", Kind.STRING, "why a trial FAILED or DIVERGED; empty when OK", s -> s.result().message()),
            col("stopEpoch", Kind.INT, "epochs run (OK) or the epoch a DIVERGED trial stopped in", s -> s.result().stopEpoch()),
            col("trainError", Kind.DOUBLES, "training error per epoch, entry 0 = untrained", s -> s.result().trainError()),
            col("meanLoss", Kind.DOUBLES, "mean training loss per epoch, entry 0 = untrained", s -> s.result().meanLoss()),
            col("minTrainError", Kind.DOUBLE, "lowest training error", s -> s.result().minTrainError()),
            col("minEpoch", Kind.INT, "epoch of minTrainError (-1 without a curve)", s -> s.result().minEpoch()),
            col("finalError", Kind.DOUBLE, "training error after the last epoch run", s -> s.result().finalError()),
            col("deltaNorms", Kind.DOUBLES, "|delta_d| for d = 1..D at step 0", s -> s.result().deltaNorms()),
            col("logDeltaRatio", Kind.DOUBLE, "ln(|delta_1| / |delta_D|) at step 0", s -> s.result().logDeltaRatio()),
            col("wallSeconds", Kind.DOUBLE, "wall time of the trial", s -> s.result().wallSeconds()),
            col("finishedAt", Kind.STRING, "UTC time the record was written, yyyy-MM-ddTHH:mm:ss.SSSZ", Stored::finishedAt),
            col("blas", Kind.STRING, "BLAS implementation class", s -> s.provenance().blasBackend()),
            col("coreType", Kind.STRING, "OPENBLAS_CORETYPE, or auto", s -> s.provenance().coreType()),
            col("tanh", Kind.STRING, "tanh path: vector (Vector API) or exact (Math.tanh)", s -> s.provenance().tanhPath()),
            col("host", Kind.STRING, "host name of the executor", s -> s.provenance().host()),
            col("jvm", Kind.STRING, "JVM name and version", s -> s.provenance().jvm()),
            col("os", Kind.STRING, "OS name and architecture", s -> s.provenance().os()),
            col("codeVersion", Kind.STRING, "rwsweep version and numerics version", s -> s.provenance().codeVersion()));

    private static final JsonFactory JSON = new JsonFactory();

    private ResultColumns() { }

    private static Column col(String name, Kind kind, String meaning, Function<Stored, Object> get) {
        return new Column(name, kind, meaning, get);
    }

    /** Column names in order. */
    static String[] names() {
        return ALL.stream().map(Column::name).toArray(String[]::new);
    }

    /**
     * One JSON object on one line, fields in column order: the durable per-trial record. Doubles
     * are written in Java's round-trip form; NaN and ±Infinity as the strings "NaN", "Infinity",
     * "-Infinity", which Spark's JSON reader takes back as doubles.
     */
    public static String jsonLine(Stored s) {
        StringWriter text = new StringWriter(1024);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            for (Column c : ALL) {
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
    static String csvHeader() {
        return String.join(",", names());
    }

    /**
     * One CSV row of a stored row: numbers in Java's round-trip form (NaN, Infinity and
     * -Infinity as pandas and Java read them), arrays as {@code ;}-joined numbers, text quoted
     * when it holds a comma, quote, line break or edge space (quotes doubled, RFC 4180).
     */
    static String csvRow(TableRow row) {
        StringBuilder b = new StringBuilder(512);
        for (int i = 0; i < ALL.size(); i++) {
            if (i > 0) b.append(',');
            Object v = row.get(i);
            if (v == null) continue; // a column the row's writer did not have yet
            switch (ALL.get(i).kind()) {
                case STRING -> b.append(csvText((String) v));
                case INT, LONG, DOUBLE -> b.append(v);
                case INTS -> {
                    int[] a = (int[]) v;
                    for (int k = 0; k < a.length; k++) {
                        if (k > 0) b.append(';');
                        b.append(a[k]);
                    }
                }
                case DOUBLES -> {
                    double[] a = (double[]) v;
                    for (int k = 0; k < a.length; k++) {
                        if (k > 0) b.append(';');
                        b.append(a[k]);
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

    /**
     * The stored trial of a result-table row. The spec goes through {@link TrialSpec#builder()}
     * (so it is validated) and the result through its constructor (so the key, minimum and final
     * error are recomputed, not trusted); {@link ResultStore} checks that the recomputed key equals
     * the stored one.
     */
    static Stored toStored(TableRow row) {
        TrialSpec spec = TrialSpec.builder()
                .task(Task.valueOf(row.getAs("task")))
                .activation(Activation.valueOf(row.getAs("f")))
                .sizes(ints(row, "sizes"))
                .codeLayer(row.<Integer>getAs("codeLayer"))
                .parameterLimit(row.<Long>getAs("parameterLimit"))
                .init(InitScheme.valueOf(row.getAs("init")))
                .g(row.<Double>getAs("g"))
                .gIn(row.<Double>getAs("gIn"))
                .gOut(row.<Double>getAs("gOut"))
                .fractionalS(row.<Double>getAs("s"))
                .leakySlope(row.<Double>getAs("leakySlope"))
                .lambda(row.<Double>getAs("lambdaIn"), row.<Double>getAs("lambdaOut"))
                .dMax(row.<Integer>getAs("dMax"))
                .epochs(row.<Integer>getAs("epochs"))
                .batchSize(row.<Integer>getAs("batch"))
                .epochDecay(row.<Double>getAs("decay"))
                .clipNorm(row.<Double>getAs("clip"))
                .seed(row.<Long>getAs("seed"))
                .data(row.getAs("data"), row.<Integer>getAs("n"))
                .build();
        Provenance provenance = new Provenance(row.getAs("blas"), row.getAs("coreType"), row.getAs("tanh"), row.getAs("host"),
                row.getAs("jvm"), row.getAs("os"), row.getAs("codeVersion"));
        TrialResult result = new TrialResult(spec, TrialStatus.valueOf(row.getAs("status")), row.getAs("message"),
                row.<Integer>getAs("stopEpoch"), doubles(row, "trainError"), doubles(row, "meanLoss"),
                doubles(row, "deltaNorms"), row.<Double>getAs("logDeltaRatio"), row.<Double>getAs("wallSeconds"), provenance);
        return new Stored(row.getAs("sweep"), row.getAs("finishedAt"), result);
    }

    private static int[] ints(TableRow row, String name) {
        return ((int[]) row.getAs(name)).clone();
    }

    private static double[] doubles(TableRow row, String name) {
        return ((double[]) row.getAs(name)).clone();
    }

    /** The stored row of a finished trial: every column's value, in column order. */
    static TableRow row(Stored s) {
        Object[] values = new Object[ALL.size()];
        for (int i = 0; i < values.length; i++) values[i] = ALL.get(i).get().apply(s);
        return new TableRow(values);
    }

    /**
     * The row of one JSON record ({@link #jsonLine}'s format). Fields this code does not know are
     * skipped and columns the record lacks stay null (a record of an older or newer rwsweep); a
     * record without key, status or finishedAt, or with a value of the wrong type, is malformed.
     *
     * @throws IOException naming what is wrong, for a record that is not one whole JSON object
     */
    static TableRow fromJson(String text) throws IOException {
        Object[] values = new Object[ALL.size()];
        try (JsonParser json = JSON.createParser(text)) {
            if (json.nextToken() != JsonToken.START_OBJECT) throw new IOException("not a JSON object");
            for (JsonToken t = json.nextToken(); t != JsonToken.END_OBJECT; t = json.nextToken()) {
                if (t != JsonToken.FIELD_NAME) throw new IOException("expected a field name, got " + t);
                int i = TableRow.index(json.currentName());
                JsonToken value = json.nextToken();
                if (value == null) throw new IOException("cut short");
                if (i < 0) {
                    json.skipChildren();
                    continue;
                }
                values[i] = jsonValue(json, value, ALL.get(i));
            }
            if (json.nextToken() != null) throw new IOException("text after the record");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(e.getOriginalMessage(), e);
        }
        for (String required : new String[] {"key", "status", "finishedAt"}) {
            if (values[TableRow.index(required)] == null) throw new IOException("no " + required);
        }
        return new TableRow(values);
    }

    private static Object jsonValue(JsonParser json, JsonToken t, Column c) throws IOException {
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
                    if (n == a.length) a = java.util.Arrays.copyOf(a, 2 * n);
                    a[n++] = json.getIntValue();
                }
                return java.util.Arrays.copyOf(a, n);
            }
            case DOUBLES -> {
                if (t != JsonToken.START_ARRAY) throw wrong(c, t);
                double[] a = new double[16];
                int n = 0;
                for (JsonToken e = json.nextToken(); e != JsonToken.END_ARRAY; e = json.nextToken()) {
                    if (n == a.length) a = java.util.Arrays.copyOf(a, 2 * n);
                    a[n++] = jsonDouble(json, e, c);
                }
                return java.util.Arrays.copyOf(a, n);
            }
        }
        throw new AssertionError(c.kind());
    }

    /** A double: a JSON number, or "NaN", "Infinity", "-Infinity" as {@link #jsonLine} writes them. */
    private static double jsonDouble(JsonParser json, JsonToken t, Column c) throws IOException {
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

    private static IOException wrong(Column c, JsonToken t) {
        return new IOException(c.name() + ": a " + c.kind().name().toLowerCase(java.util.Locale.ROOT) + " column, got " + t);
    }
}
