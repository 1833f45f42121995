package rwsweep.driver.store;

import static rwsweep.driver.store.StoreColumns.col;
import static rwsweep.driver.store.StoreColumns.doubles;
import static rwsweep.driver.store.StoreColumns.ints;

import java.util.List;
import java.util.Locale;
import rwsweep.driver.store.StoreColumns.Column;
import rwsweep.driver.store.StoreColumns.Kind;
import rwsweep.worker.spec.Critical;
import rwsweep.worker.spec.Provenance;
import rwsweep.worker.spec.TrialField;
import rwsweep.worker.spec.TrialStatus;
import rwsweep.worker.theory.WalkResult;
import rwsweep.worker.theory.WalkSource;
import rwsweep.worker.theory.WalkSpec;

/**
 * The columns of a stored random-walk point (paper §2, Figures 1 and 2) — every field of its
 * {@link WalkSpec}, the walk's statistics per layer, the optimum found with its confidence
 * interval beside the steady-state one, wall time and provenance — in the same store design as a
 * trial's ({@link StoreColumns}), and back from a stored {@link TableRow} to a {@link WalkResult}. Per-layer
 * arrays are indexed by layer d = 1..D at position d − 1; {@code sampleWalks} holds the kept walks
 * one after the other, D values each.
 */
public final class WalkColumns {
    /** A finished point as stored: the result, the sweep that ran it, when it was written. */
    public record Stored(String sweep, String finishedAt, WalkResult result) {
        WalkSpec spec() { return result.spec(); }
        Provenance provenance() { return result.provenance(); }
    }

    /** The columns in order. */
    public static final List<Column<Stored>> ALL = List.of(
            col("key", Kind.STRING, "walk key: 16 hex digits of SHA-256 over the spec (WalkSpec.canonical)", s -> s.result().key()),
            col("sweep", Kind.STRING, "name of the sweep that ran the point", Stored::sweep),
            col("kind", Kind.STRING, "WALK (statistics at g) or OPTIMAL_G (the optimum found, and the walk there)", s -> s.spec().kind().name()),
            col("f", Kind.STRING, "nonlinearity: " + String.join(", ", TrialField.ACTIVATION.choiceNames()),
                    s -> TrialField.spelling(s.spec().activation())),
            col("depth", Kind.INT, "D, the number of weight layers (the walk has D - 1 steps)", s -> s.spec().depth()),
            col("width", Kind.INT, "hidden width N", s -> s.spec().width()),
            col("sizes", Kind.INTS, "layer sizes 0..D", s -> s.spec().sizes()),
            col("init", Kind.STRING, "initialisation scheme, as a sweep file names it", s -> TrialField.spelling(s.spec().init())),
            col("s", Kind.DOUBLE, "s of the fractional-moment scheme", s -> s.spec().fractionalS()),
            col("leakySlope", Kind.DOUBLE, "leaky-ReLU slope for the fractional-moment variance", s -> s.spec().leakySlope()),
            col("g", Kind.DOUBLE, "the point's gain of every layer (NaN for OPTIMAL_G)", s -> s.spec().g().orElse(Double.NaN)),
            col("critical", Kind.STRING, "which optimum g is, when it came from g: critical (finite-depth, steady-state), else empty",
                    s -> s.spec().critical().map(Critical::label).orElse("")),
            col("data", Kind.STRING, "identity of the data driving the nets; empty for x ~ N(0, I)", s -> s.spec().dataId().orElse("")),
            col("n", Kind.INT, "examples of that data (0 for the Gaussian input)", s -> s.spec().dataSize()),
            col("source", Kind.STRING, "unit (a random unit delta_D) or loss (the loss gradient on the label)",
                    s -> TrialField.spelling(s.spec().source())),
            col("nets", Kind.INT, "random nets", s -> s.spec().nets()),
            col("seed", Kind.LONG, "seed of the nets' randomness", s -> s.spec().seed()),
            col("keep", Kind.INT, "walks kept whole", s -> s.spec().keep()),
            col("status", Kind.STRING, "OK or FAILED", s -> s.result().status().name()),
            col("message", Kind.STRING, "why a point FAILED; empty when OK", s -> s.result().message()),
            col("gWalked", Kind.DOUBLE, "the g the statistics are at: the point's, or the optimum", s -> s.result().g()),
            col("mean", Kind.DOUBLES, "mean of ln|delta_d| - ln|delta_D| per layer d = 1..D", s -> s.result().mean()),
            col("variance", Kind.DOUBLES, "its variance over the nets per layer", s -> s.result().variance()),
            col("alive", Kind.INTS, "nets whose walk is alive at layer d", s -> s.result().alive()),
            col("killed", Kind.INT, "nets whose walk died (a ReLU layer all off), left out of the statistics below it", s -> s.result().killed()),
            col("meanAbsLnZ", Kind.DOUBLE, "mean |ln(|delta_1|^2/|delta_D|^2)|", s -> s.result().meanAbsLnZ()),
            col("driftPerLayer", Kind.DOUBLE, "mean(1)/(D - 1)", s -> s.result().driftPerLayer()),
            col("variancePerLayer", Kind.DOUBLE, "variance(1)/(D - 1): about 1/(2N) linear, 5/(4N) ReLU", s -> s.result().variancePerLayer()),
            col("sampleWalks", Kind.DOUBLES, "the kept walks, D values each (NaN below a layer that killed a walk)", s -> s.result().sampleWalks()),
            col("optimalG", Kind.DOUBLE, "OPTIMAL_G: the g where the mean of ln(|delta_1|/|delta_D|) is zero", s -> s.result().optimalG().orElse(Double.NaN)),
            col("optimalLow", Kind.DOUBLE, "lower end of its 95% confidence interval", s -> s.result().optimalLow()),
            col("optimalHigh", Kind.DOUBLE, "upper end of its 95% confidence interval", s -> s.result().optimalHigh()),
            col("optimalSe", Kind.DOUBLE, "standard error of ln optimalG", s -> s.result().optimalSe()),
            col("evaluations", Kind.INT, "simulations the root search ran", s -> s.result().evaluations()),
            col("steadyStateG", Kind.DOUBLE, "OPTIMAL_G: the steady-state optimum of the same f and width (NaN if none)",
                    s -> s.result().steadyStateG().orElse(Double.NaN)),
            col("wallSeconds", Kind.DOUBLE, "wall time of the point", s -> s.result().wallSeconds()),
            col("finishedAt", Kind.STRING, "UTC time the record was written, yyyy-MM-ddTHH:mm:ss.SSSZ", Stored::finishedAt),
            col("blas", Kind.STRING, "BLAS in use: none (the walk is plain double-precision Java)", s -> s.provenance().blasBackend()),
            col("coreType", Kind.STRING, "OPENBLAS_CORETYPE: none", s -> s.provenance().coreType()),
            col("tanh", Kind.STRING, "tanh path: exact (Math.tanh)", s -> s.provenance().tanhPath()),
            col("host", Kind.STRING, "host name of the executor", s -> s.provenance().host()),
            col("jvm", Kind.STRING, "JVM name and version", s -> s.provenance().jvm()),
            col("os", Kind.STRING, "OS name and architecture", s -> s.provenance().os()),
            col("codeVersion", Kind.STRING, "rwsweep version and numerics version", s -> s.provenance().codeVersion()));

    /** The table these columns make. */
    public static final StoreColumns<Stored> TABLE = new StoreColumns<>(ALL);

    private WalkColumns() { }

    /** One point's durable record: one JSON line. */
    public static String jsonLine(Stored s) { return TABLE.jsonLine(s); }

    /** The stored point of one {@link #jsonLine} record. */
    public static Stored fromJsonLine(String line) throws java.io.IOException { return toStored(TABLE.fromJson(line)); }

    /**
     * The stored point of a table row; the spec is rebuilt through its builder (validated) and its
     * key recomputed. Values read in any case: records written before the one spelling hold {@code TANH}.
     */
    static Stored toStored(TableRow row) {
        WalkSpec.Builder b = WalkSpec.builder()
                .activation(TrialField.ACTIVATION.choice(row.getAs("f")).orElseThrow())
                .sizes(ints(row, "sizes"))
                .init(TrialField.INIT.choice(row.getAs("init")).orElseThrow(), row.<Double>getAs("s"), row.<Double>getAs("leakySlope"))
                .source(WalkSource.valueOf(row.<String>getAs("source").toUpperCase(Locale.ROOT)))
                .nets(row.<Integer>getAs("nets"))
                .seed(row.<Long>getAs("seed"))
                .keep(row.<Integer>getAs("keep"));
        String data = row.getAs("data");
        if (!data.isEmpty()) b.data(data, row.<Integer>getAs("n"));
        if (WalkSpec.Kind.valueOf(row.getAs("kind")) == WalkSpec.Kind.OPTIMAL_G) {
            b.findOptimalG();
        } else {
            String critical = row.getAs("critical");
            b.walkAt(row.<Double>getAs("g"), critical.isEmpty() ? null : Critical.of(critical));
        }
        WalkSpec spec = b.build();
        Provenance provenance = new Provenance(row.getAs("blas"), row.getAs("coreType"), row.getAs("tanh"), row.getAs("host"),
                row.getAs("jvm"), row.getAs("os"), row.getAs("codeVersion"));
        WalkResult result = WalkResult.of(spec, TrialStatus.valueOf(row.getAs("status")), row.getAs("message"),
                row.<Double>getAs("gWalked"), doubles(row, "mean"), doubles(row, "variance"), ints(row, "alive"),
                row.<Integer>getAs("killed"), row.<Double>getAs("meanAbsLnZ"), doubles(row, "sampleWalks"),
                row.<Double>getAs("optimalG"), row.<Double>getAs("optimalLow"), row.<Double>getAs("optimalHigh"),
                row.<Double>getAs("optimalSe"), row.<Integer>getAs("evaluations"), row.<Double>getAs("steadyStateG"),
                row.<Double>getAs("wallSeconds"), provenance);
        return new Stored(row.getAs("sweep"), row.getAs("finishedAt"), result);
    }
}
