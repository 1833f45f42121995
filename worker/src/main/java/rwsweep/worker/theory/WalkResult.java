package rwsweep.worker.theory;

import java.util.OptionalDouble;
import rwsweep.worker.spec.Provenance;
import rwsweep.worker.spec.TrialStatus;

/**
 * The outcome of one {@link WalkSpec}: status (OK, or FAILED with the exception's message — no g
 * makes a too-narrow tanh walk unbiased, for one), the walk's statistics per layer at the point's
 * g (or at the optimum found), the optimum and its confidence interval for OPTIMAL_G points beside
 * the steady-state optimum, wall time and provenance. Arrays are indexed by layer d = 1..D at
 * index d − 1.
 */
public final class WalkResult {
    private String key;
    private WalkSpec spec;
    private TrialStatus status;
    private String message;
    private double g;                 // the g walked at: the point's, or the optimum found
    private double[] mean;            // mean of w_d = ln|δ_d| − ln|δ_D| over the nets alive at d
    private double[] variance;        // its sample variance
    private int[] alive;              // nets alive at d
    private int killed;
    private double meanAbsLnZ;        // mean |ln(|δ_1|²/|δ_D|²)|
    private double[] sampleWalks;     // keep × D, walk-major; NaN below a layer that killed the walk
    private double optimalG;          // OPTIMAL_G: the optimum; NaN for WALK points
    private double optimalLow;
    private double optimalHigh;
    private double optimalSe;         // standard error of ln g*
    private int evaluations;
    private double steadyStateG;      // OPTIMAL_G: RandomWalk.optimalG's steady-state value (NaN if none exists)
    private double wallSeconds;
    private Provenance provenance;

    private WalkResult() { }

    WalkResult(WalkSpec spec, double g, WalkStatistics stats, OptimalG optimum, double steadyStateG,
               double wallSeconds, Provenance provenance) {
        this.key = spec.key();
        this.spec = spec;
        this.status = TrialStatus.OK;
        this.message = "";
        this.g = g;
        int depth = spec.depth();
        mean = new double[depth];
        variance = new double[depth];
        alive = new int[depth];
        for (int d = 1; d <= depth; d++) {
            mean[d - 1] = stats.mean(d);
            variance[d - 1] = stats.variance(d);
            alive[d - 1] = (int) stats.alive(d);
        }
        killed = (int) stats.killed();
        meanAbsLnZ = stats.meanAbsLnZ();
        double[][] walks = stats.sampleWalks();
        sampleWalks = new double[walks.length * depth];
        for (int i = 0; i < walks.length; i++) System.arraycopy(walks[i], 0, sampleWalks, i * depth, depth);
        optimalG = optimum == null ? Double.NaN : optimum.g();
        optimalLow = optimum == null ? Double.NaN : optimum.low();
        optimalHigh = optimum == null ? Double.NaN : optimum.high();
        optimalSe = optimum == null ? Double.NaN : optimum.standardError();
        evaluations = optimum == null ? 0 : optimum.evaluations();
        this.steadyStateG = steadyStateG;
        this.wallSeconds = wallSeconds;
        this.provenance = provenance;
    }

    /** Every field as stored (the store's reader rebuilds a result with this). */
    public static WalkResult of(WalkSpec spec, TrialStatus status, String message, double g, double[] mean, double[] variance,
                                int[] alive, int killed, double meanAbsLnZ, double[] sampleWalks, double optimalG,
                                double optimalLow, double optimalHigh, double optimalSe, int evaluations, double steadyStateG,
                                double wallSeconds, Provenance provenance) {
        WalkResult r = new WalkResult();
        r.key = spec.key();
        r.spec = spec;
        r.status = status;
        r.message = message == null ? "" : message;
        r.g = g;
        r.mean = mean.clone();
        r.variance = variance.clone();
        r.alive = alive.clone();
        r.killed = killed;
        r.meanAbsLnZ = meanAbsLnZ;
        r.sampleWalks = sampleWalks.clone();
        r.optimalG = optimalG;
        r.optimalLow = optimalLow;
        r.optimalHigh = optimalHigh;
        r.optimalSe = optimalSe;
        r.evaluations = evaluations;
        r.steadyStateG = steadyStateG;
        r.wallSeconds = wallSeconds;
        r.provenance = provenance;
        return r;
    }

    /** A point that threw: no statistics, the exception's message kept. */
    public static WalkResult failed(WalkSpec spec, Throwable error, double wallSeconds, Provenance provenance) {
        String msg = error.getClass().getSimpleName() + ": " + error.getMessage();
        return of(spec, TrialStatus.FAILED, msg, spec.g().orElse(Double.NaN), new double[0], new double[0], new int[0], 0,
                Double.NaN, new double[0], Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, wallSeconds, provenance);
    }

    public String key() { return key; }
    public WalkSpec spec() { return spec; }
    public TrialStatus status() { return status; }
    public String message() { return message; }
    /** The g the statistics were taken at: the point's own, or the optimum found. */
    public double g() { return g; }
    public double[] mean() { return mean.clone(); }
    public double[] variance() { return variance.clone(); }
    public int[] alive() { return alive.clone(); }
    public int killed() { return killed; }
    public double meanAbsLnZ() { return meanAbsLnZ; }
    /** The walks kept whole, walk-major: walk i at layer d is entry i·D + d − 1. */
    public double[] sampleWalks() { return sampleWalks.clone(); }
    /** Mean of ln(|δ_1|/|δ_D|); NaN without statistics. */
    public double meanLogRatio() { return mean.length == 0 ? Double.NaN : mean[0]; }
    /** Growth of the mean per step, mean(1)/(D − 1). */
    public double driftPerLayer() { return meanLogRatio() / (spec.depth() - 1); }
    /** Growth of the variance per step, variance(1)/(D − 1): about 1/(2N) linear, 5/(4N) ReLU. */
    public double variancePerLayer() { return variance.length == 0 ? Double.NaN : variance[0] / (spec.depth() - 1); }
    /** The finite-depth optimum of an OPTIMAL_G point. */
    public OptionalDouble optimalG() { return Double.isNaN(optimalG) ? OptionalDouble.empty() : OptionalDouble.of(optimalG); }
    public double optimalLow() { return optimalLow; }
    public double optimalHigh() { return optimalHigh; }
    public double optimalSe() { return optimalSe; }
    public int evaluations() { return evaluations; }
    /** The steady-state optimum of the point's f and width (OPTIMAL_G points), if one exists. */
    public OptionalDouble steadyStateG() { return Double.isNaN(steadyStateG) ? OptionalDouble.empty() : OptionalDouble.of(steadyStateG); }
    public double wallSeconds() { return wallSeconds; }
    public Provenance provenance() { return provenance; }

    @Override
    public String toString() {
        return key + " " + status + " g=" + g + (Double.isNaN(optimalG) ? "" : " g*=" + optimalG)
                + " mean=" + meanLogRatio() + (message.isEmpty() ? "" : " (" + message + ")");
    }
}
