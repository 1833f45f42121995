package rwsweep.driver.store;

import static rwsweep.driver.store.StoreColumns.col;
import static rwsweep.driver.store.StoreColumns.doubles;
import static rwsweep.driver.store.StoreColumns.ints;

import java.util.ArrayList;
import java.util.List;
import rwsweep.driver.store.StoreColumns.Column;
import rwsweep.driver.store.StoreColumns.Kind;
import rwsweep.worker.spec.Critical;
import rwsweep.worker.spec.Provenance;
import rwsweep.worker.spec.TrialField;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.spec.TrialStatus;

/**
 * The one list of columns a stored trial has — every spec field in its own column, the record of
 * which critical g its gains came from, the outcome, the curves, the init diagnostics, wall time
 * and provenance — and the conversions that follow from it ({@link StoreColumns}: the Parquet
 * schema, one JSON line per trial and back; {@link TableCsv}: trials.csv), and from a stored
 * {@link TableRow} back to a {@link TrialResult}. None of it needs Spark: the store is read and
 * compacted in the driver's own memory.
 *
 * <p>Two columns are not part of a TrialResult: {@code sweep}, the name of the sweep that ran the
 * trial (a merged directory holds several), and {@code finishedAt}, the UTC time the record was
 * written, which decides between two records of one key (see {@link ResultStore}).
 */
public final class ResultColumns {
    /** A finished trial as stored: the result, the sweep that ran it, when it was written. */
    public record Stored(String sweep, String finishedAt, TrialResult result) {
        TrialSpec spec() { return result.spec(); }
        Provenance provenance() { return result.provenance(); }
    }

    /**
     * The columns in order: key, sweep, one column per trial field ({@link TrialField#ALL}, with the
     * depth and width beside f, and the critical-g record beside the gains), then the outcome.
     */
    public static final List<Column<Stored>> ALL = columns();

    private static List<Column<Stored>> columns() {
        List<Column<Stored>> c = new ArrayList<>();
        c.add(col("key", Kind.STRING, "trial key: 16 hex digits of SHA-256 over the spec (TrialSpec.canonical)", s -> s.result().key()));
        c.add(col("sweep", Kind.STRING, "name of the sweep that ran the trial", Stored::sweep));
        for (TrialField<?> f : TrialField.ALL) {
            c.add(field(f));
            if (f == TrialField.ACTIVATION) {
                c.add(col("depth", Kind.INT, "D, the number of weight layers", s -> s.spec().depth()));
                c.add(col("width", Kind.INT, "hidden width N (size of layer 1; 0 without hidden layers)", s -> s.spec().width()));
            }
            if (f == TrialField.G_OUT) {
                c.add(col("critical", Kind.STRING, "which random-walk optimum the gains are factors of: finite-depth, steady-state, or empty (g given)",
                        s -> s.spec().critical().map(Critical::label).orElse("")));
                c.add(col("criticalG", Kind.DOUBLE, "the value of that optimum for this net (NaN when g was given)",
                        s -> s.spec().criticalG().orElse(Double.NaN)));
            }
        }
        c.addAll(List.of(
            col("status", Kind.STRING, "OK, DIVERGED, FAILED or PRUNED (stopped early by the sweep's prune rule)", s -> s.result().status().name()),
            col("message", Kind.STRING, "why a trial FAILED, DIVERGED or was PRUNED; empty when OK", s -> s.result().message()),
            col("stopEpoch", Kind.INT, "epochs run (OK), the epoch a DIVERGED trial stopped in, or the epoch a PRUNED one was stopped after", s -> s.result().stopEpoch()),
            col("trainError", Kind.DOUBLES, "training error per epoch, entry 0 = untrained", s -> s.result().trainError()),
            col("meanLoss", Kind.DOUBLES, "mean training loss per epoch, entry 0 = untrained", s -> s.result().meanLoss()),
            col("minTrainError", Kind.DOUBLE, "lowest training error", s -> s.result().minTrainError()),
            col("minEpoch", Kind.INT, "epoch of minTrainError (-1 without a curve)", s -> s.result().minEpoch().orElse(-1)),
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
            col("codeVersion", Kind.STRING, "rwsweep version and numerics version", s -> s.provenance().codeVersion())));
        return List.copyOf(c);
    }

    /**
     * A trial field's column: its declared name, a text column holding a choice in lower case (the
     * sweep file's spelling), the field's own value otherwise.
     */
    private static Column<Stored> field(TrialField<?> f) {
        Kind kind = switch (f.type()) {
            case CHOICE, TEXT -> Kind.STRING;
            case INT -> Kind.INT;
            case LONG -> Kind.LONG;
            case DOUBLE -> Kind.DOUBLE;
            case INTS -> Kind.INTS;
        };
        return col(f.column(), kind, f.description(), s -> columnValue(f, s.spec()));
    }

    private static Object columnValue(TrialField<?> f, TrialSpec spec) {
        Object v = f.get(spec);
        return f.type() == TrialField.Type.CHOICE ? f.text(v) : v;
    }

    /**
     * A field's value from a stored row: a choice in any case (records written before the one
     * spelling hold {@code TANH}), the field's default where the record has no such column (it was
     * written before the field existed). IllegalArgumentException for a value this code does not know.
     */
    private static Object storedValue(TrialField<?> f, TableRow row) {
        if (!row.has(f.column())) {
            return f.defaultValue().orElseThrow(() -> new IllegalArgumentException("no " + f.column()));
        }
        Object v = row.getAs(f.column());
        if (f.type() != TrialField.Type.CHOICE) return v;
        return f.choice((String) v).orElseThrow(() -> new IllegalArgumentException(f.column() + ": '" + v + "' is none of " + f.choiceNames()));
    }

    /** The table these columns make. */
    public static final StoreColumns<Stored> TABLE = new StoreColumns<>(ALL);

    private ResultColumns() { }

    /** Column names in order. */
    static String[] names() { return TABLE.names(); }

    /** One trial's durable record: one JSON line ({@link StoreColumns#jsonLine}). */
    public static String jsonLine(Stored s) { return TABLE.jsonLine(s); }

    /** The stored trial of one {@link #jsonLine} record. */
    public static Stored fromJsonLine(String line) throws java.io.IOException { return toStored(TABLE.fromJson(line)); }

    /**
     * The stored trial of a result-table row. The spec goes through {@link TrialSpec#builder()}
     * (so it is validated) and the result through its constructor (so the key, minimum and final
     * error are recomputed, not trusted); {@link ResultStore} checks that the recomputed key equals
     * the stored one.
     */
    static Stored toStored(TableRow row) {
        TrialSpec.Builder b = TrialSpec.builder();
        for (TrialField<?> f : TrialField.ALL) f.set(b, storedValue(f, row));
        TrialSpec spec = b.build();
        // a record written before the critical columns existed has none: its gains count as given
        String critical = row.has("critical") ? row.getAs("critical") : "";
        if (!critical.isEmpty()) spec = spec.toBuilder().critical(Critical.of(critical), row.<Double>getAs("criticalG")).build();
        Provenance provenance = new Provenance(row.getAs("blas"), row.getAs("coreType"), row.getAs("tanh"), row.getAs("host"),
                row.getAs("jvm"), row.getAs("os"), row.getAs("codeVersion"));
        TrialResult result = new TrialResult(spec, TrialStatus.valueOf(row.<String>getAs("status")), row.getAs("message"),
                row.<Integer>getAs("stopEpoch"), doubles(row, "trainError"), doubles(row, "meanLoss"),
                doubles(row, "deltaNorms"), row.<Double>getAs("logDeltaRatio"), row.<Double>getAs("wallSeconds"), provenance);
        return new Stored(row.getAs("sweep"), row.getAs("finishedAt"), result);
    }
}
