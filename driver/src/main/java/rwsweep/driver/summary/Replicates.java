package rwsweep.driver.summary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import rwsweep.worker.spec.StatusCounts;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialStatus;

/**
 * The seeds of one setting — one panel, g, depth D and (λin, λout) — and what the tables say about
 * them.
 *
 * <p>A trial's error is its {@link TrialResult#minTrainError()}: the lowest training error over the
 * epochs it recorded (a DIVERGED trial's curve stops before the non-finite epoch, so its error is
 * the best it reached before diverging — usually the untrained error, as divergence comes early).
 * A FAILED trial has no curve and no error: it is counted, never averaged. A PRUNED trial's curve
 * stops where the sweep's pruning rule stopped it: its error is not a trained value, so it too is
 * counted and never averaged — and a setting with a pruned seed has no median at all (only
 * {@link #furthestPruned()}: "pruned at epoch e, error x then"), since the median of the seeds
 * that were left would be the median of the lucky ones. So every median a pruned sweep shows is
 * the one the same sweep unpruned shows, bit for bit (a survivor trains exactly as unpruned).
 * <ul>
 *   <li>{@link #median()}: median of the errors over the seeds that have one (the mean of the two
 *       middle values for an even count); NaN when every seed FAILED.
 *   <li>{@link #trained()}: seeds whose error is below the threshold; {@link #trials()} counts every
 *       seed, FAILED ones included, so trained/trials is the fraction of seeds that trained.
 *   <li>{@link #spread()}: the range of the seeds' errors, which decides ties between settings
 *       ({@link PanelResults#tied}).
 * </ul>
 */
public final class Replicates {
    private final List<TrialResult> trials;
    private final double[] errors;   // sorted errors of the seeds that have one
    private final double median;
    private final int trained;
    private final StatusCounts counts;

    public Replicates(List<TrialResult> trials, double trainedBelow) {
        this.trials = List.copyOf(trials);
        List<Double> errs = new ArrayList<>();
        int nTrained = 0;
        for (TrialResult r : trials) {
            double e = r.minTrainError();
            if (hasTrainedError(r)) {
                errs.add(e);
                if (e < trainedBelow) nTrained++;
            }
        }
        boolean anyPruned = trials.stream().anyMatch(r -> r.status() == TrialStatus.PRUNED);
        this.errors = anyPruned ? new double[0] : errs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        this.median = median(errors);
        this.trained = nTrained;
        this.counts = StatusCounts.of(trials.stream().map(TrialResult::status).toList());
    }

    /** Whether a trial's min training error is a trained value: it has a curve and was neither FAILED nor PRUNED. */
    public static boolean hasTrainedError(TrialResult r) {
        return r.status() != TrialStatus.FAILED && r.status() != TrialStatus.PRUNED && !Double.isNaN(r.minTrainError());
    }

    /**
     * Of {@code trials}, the PRUNED one that ran furthest (then the lower error when stopped, then
     * the key): what a cell without a trained error shows.
     */
    static Optional<TrialResult> furthestPruned(Collection<TrialResult> trials) {
        return trials.stream().filter(r -> r.status() == TrialStatus.PRUNED)
                .max(Comparator.comparingInt(TrialResult::stopEpoch)
                        .thenComparing(Comparator.comparingDouble(Replicates::errorWhenPruned).reversed())
                        .thenComparing(Comparator.comparing(TrialResult::key).reversed()));
    }

    /** A PRUNED trial's training error after the epoch it was stopped at. */
    public static double errorWhenPruned(TrialResult r) {
        double[] e = r.trainError();
        return e.length == 0 ? Double.NaN : e[e.length - 1];
    }

    /** The seed that ran furthest of those pruned, if any was. */
    public Optional<TrialResult> furthestPruned() { return furthestPruned(trials); }

    /** Median of sorted values: the middle one, or the mean of the two middle ones; NaN when empty. */
    static double median(double[] sorted) {
        int n = sorted.length;
        if (n == 0) return Double.NaN;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    public List<TrialResult> results() { return trials; }
    /** Median over seeds of each seed's min training error; NaN when no seed has an error or a seed was pruned. */
    public double median() { return median; }
    /** The seeds' errors, ascending. */
    public double[] errors() { return errors.clone(); }
    public int trials() { return trials.size(); }
    public int trained() { return trained; }
    /** The seeds by status. */
    public StatusCounts counts() { return counts; }
    public int ok() { return counts.ok(); }
    public int diverged() { return counts.diverged(); }
    public int failed() { return counts.failed(); }
    public int pruned() { return counts.pruned(); }
    /**
     * The seed spread: the largest minus the smallest error over the seeds that have one; 0 with
     * fewer than two. How far two settings' medians may differ by the seeds' luck alone.
     */
    public double spread() {
        return errors.length < 2 ? 0 : errors[errors.length - 1] - errors[0];
    }

    /** True when at least one seed has an error (the median is a number). */
    public boolean hasError() { return errors.length > 0; }

    /** "3/3": seeds trained / seeds. */
    public String trainedLabel() {
        return trained + "/" + trials.size();
    }

    @Override
    public String toString() {
        return "median " + median + " of " + Arrays.toString(errors) + ", trained " + trainedLabel()
                + ", diverged " + counts.diverged() + ", failed " + counts.failed() + ", pruned " + counts.pruned();
    }
}
