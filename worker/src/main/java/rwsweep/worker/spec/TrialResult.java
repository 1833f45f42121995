package rwsweep.worker.spec;

import java.util.Arrays;
import java.util.OptionalInt;

/**
 * The outcome of one trial: status, the per-epoch training curve, the minimum training error and
 * its epoch, the init diagnostics at step 0, wall time and provenance.
 *
 * <p>Curves are indexed by epoch: entry 0 is the untrained net, entry e the net after epoch e.
 * A diverged trial's curves end at the epoch it diverged in. Immutable (final fields, which Spark's
 * Kryo round-trips; a record it could not). Training error is the fraction
 * misclassified (classifiers) or the mean squared error per output (auto-encoders).
 */
public final class TrialResult {
    private final String key;
    private final TrialSpec spec;
    private final TrialStatus status;
    private final String message;        // why a trial FAILED, DIVERGED or was PRUNED; empty when OK
    private final int stopEpoch;         // epoch a DIVERGED trial stopped in, a PRUNED one was stopped after; epochs run when OK
    private final double[] trainError;
    private final double[] meanLoss;
    private final double minTrainError;
    private final int minEpoch;        // -1 without a curve (minEpoch() says it as empty)
    private final double finalError;
    private final double[] deltaNorms;   // |δ_d| for d = 1..D at step 0 (index d-1)
    private final double logDeltaRatio;  // ln(|δ_1| / |δ_D|) at step 0
    private final double wallSeconds;
    private final Provenance provenance;

    public TrialResult(TrialSpec spec, TrialStatus status, String message, int stopEpoch,
                       double[] trainError, double[] meanLoss, double[] deltaNorms, double logDeltaRatio,
                       double wallSeconds, Provenance provenance) {
        this.key = spec.key();
        this.spec = spec;
        this.status = status;
        this.message = message == null ? "" : message;
        this.stopEpoch = stopEpoch;
        this.trainError = trainError.clone();
        this.meanLoss = meanLoss.clone();
        this.deltaNorms = deltaNorms.clone();
        this.logDeltaRatio = logDeltaRatio;
        this.wallSeconds = wallSeconds;
        this.provenance = provenance;
        int best = -1;
        for (int e = 0; e < trainError.length; e++) {
            if (!Double.isNaN(trainError[e]) && (best < 0 || trainError[e] < trainError[best])) best = e;
        }
        this.minEpoch = best;
        this.minTrainError = best < 0 ? Double.NaN : trainError[best];
        this.finalError = trainError.length == 0 ? Double.NaN : trainError[trainError.length - 1];
    }

    /** A trial that threw: no curve, the exception's message kept. */
    public static TrialResult failed(TrialSpec spec, Throwable error, double wallSeconds, Provenance provenance) {
        String msg = error.getClass().getSimpleName() + ": " + error.getMessage();
        return new TrialResult(spec, TrialStatus.FAILED, msg, 0, new double[0], new double[0],
                new double[0], Double.NaN, wallSeconds, provenance);
    }

    /**
     * This result, paused after epoch {@link #stopEpoch()} short of its end, as a PRUNED result:
     * the same curves and diagnostics, {@code reason} as its message.
     */
    public TrialResult pruned(String reason) {
        if (status != TrialStatus.OK || stopEpoch >= spec.epochs()) {
            throw new IllegalStateException("only a trial paused short of its end can be pruned, not " + this);
        }
        return new TrialResult(spec, TrialStatus.PRUNED, reason, stopEpoch, trainError, meanLoss, deltaNorms, logDeltaRatio,
                wallSeconds, provenance);
    }

    /**
     * True for a result of a trial run to an epoch short of its end ({@link
     * rwsweep.worker.Trainer#run(TrialSpec, rwsweep.worker.data.Dataset, dev.ludovic.netlib.blas.BLAS,
     * rwsweep.worker.Checkpoint, int)}): OK so far, not finished. Such a result is never stored.
     */
    public boolean paused() {
        return status == TrialStatus.OK && stopEpoch < spec.epochs();
    }

    public String key() { return key; }
    public TrialSpec spec() { return spec; }
    public TrialStatus status() { return status; }
    public String message() { return message; }
    public int stopEpoch() { return stopEpoch; }
    public double[] trainError() { return trainError.clone(); }
    public double[] meanLoss() { return meanLoss.clone(); }
    /** Lowest training error over epochs 0..stopEpoch; NaN when there is no curve. */
    public double minTrainError() { return minTrainError; }
    /** Epoch of {@link #minTrainError()}; empty when there is no curve. */
    public OptionalInt minEpoch() { return minEpoch < 0 ? OptionalInt.empty() : OptionalInt.of(minEpoch); }
    public double finalError() { return finalError; }
    public double[] deltaNorms() { return deltaNorms.clone(); }
    public double logDeltaRatio() { return logDeltaRatio; }
    public double wallSeconds() { return wallSeconds; }
    public Provenance provenance() { return provenance; }

    /** True when this result's curves equal another's bit for bit (the replay check). */
    public boolean sameCurves(TrialResult other) {
        return status == other.status && stopEpoch == other.stopEpoch
                && Arrays.equals(trainError, other.trainError) && Arrays.equals(meanLoss, other.meanLoss)
                && Arrays.equals(deltaNorms, other.deltaNorms);
    }

    @Override
    public String toString() {
        return key + " " + status + " min=" + minTrainError + "@" + minEpoch + " final=" + finalError
                + (message.isEmpty() ? "" : " (" + message + ")");
    }
}
