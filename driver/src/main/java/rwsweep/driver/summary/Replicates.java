package rwsweep.driver.summary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * A FAILED trial has no curve and no error: it is counted, never averaged.
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
            if (r.status() != TrialStatus.FAILED && !Double.isNaN(e)) {
                errs.add(e);
                if (e < trainedBelow) nTrained++;
            }
        }
        this.errors = errs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        this.median = median(errors);
        this.trained = nTrained;
        this.counts = StatusCounts.of(trials.stream().map(TrialResult::status).toList());
    }

    /** Median of sorted values: the middle one, or the mean of the two middle ones; NaN when empty. */
    static double median(double[] sorted) {
        int n = sorted.length;
        if (n == 0) return Double.NaN;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    public List<TrialResult> results() { return trials; }
    /** Median over seeds of each seed's min training error; NaN when no seed has an error. */
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
                + ", diverged " + counts.diverged() + ", failed " + counts.failed();
    }
}
