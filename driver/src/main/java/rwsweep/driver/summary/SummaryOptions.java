package rwsweep.driver.summary;

import java.util.List;
import java.util.Objects;
import rwsweep.driver.store.RunLog;
import java.util.OptionalInt;

/**
 * What a summary needs besides the results: the sweep's name and file text (shown in the report),
 * the training error below which a trial counts as trained, and how many trials the sweep plans
 * (known while a sweep runs; shown as progress). Immutable; the {@code with…} methods copy.
 */
public final class SummaryOptions {
    /**
     * Default "trained" threshold: a trial trained when its lowest training error is below 0.05 —
     * fewer than 1 in 20 training examples misclassified, or (auto-encoders on standardised inputs,
     * variance 1 per dimension) a mean squared error below 5% of the input variance. The paper
     * reports "zero or near-zero" training error; 0.05 separates that from chance (0.9 for ten
     * classes) with room for the few mistakes of a short sweep.
     */
    public static final double DEFAULT_TRAINED_BELOW = 0.05;

    private final String sweepName;
    private final String sweepText;
    private final double trainedBelow;
    private final OptionalInt planned;
    private final List<RunLog.Run> runs;

    private SummaryOptions(String sweepName, String sweepText, double trainedBelow, OptionalInt planned) {
        this(sweepName, sweepText, trainedBelow, planned, List.of());
    }

    private SummaryOptions(String sweepName, String sweepText, double trainedBelow, OptionalInt planned, List<RunLog.Run> runs) {
        this.sweepName = Objects.requireNonNull(sweepName, "sweepName");
        this.sweepText = Objects.requireNonNull(sweepText, "sweepText");
        if (!(trainedBelow > 0) || !Double.isFinite(trainedBelow)) {
            throw new IllegalArgumentException("trained threshold must be finite and > 0, got " + trainedBelow);
        }
        if (planned.isPresent() && planned.getAsInt() < 0) {
            throw new IllegalArgumentException("planned trial count must be >= 0, got " + planned.getAsInt());
        }
        this.trainedBelow = trainedBelow;
        this.planned = planned;
        this.runs = List.copyOf(runs);
    }

    /** Options with the default threshold and no planned count. */
    public static SummaryOptions of(String sweepName, String sweepText) {
        return new SummaryOptions(sweepName, sweepText, DEFAULT_TRAINED_BELOW, OptionalInt.empty());
    }

    /** A copy with another "trained" threshold (a trial trained when its min training error is below it). */
    public SummaryOptions withTrainedBelow(double threshold) {
        return new SummaryOptions(sweepName, sweepText, threshold, planned, runs);
    }

    /** A copy that knows the sweep plans {@code trials} trials in all. */
    public SummaryOptions withPlanned(int trials) {
        return new SummaryOptions(sweepName, sweepText, trainedBelow, OptionalInt.of(trials), runs);
    }

    /** A copy with the runs that made the results (DIR/runs.csv), oldest first. */
    public SummaryOptions withRuns(List<RunLog.Run> runs) {
        return new SummaryOptions(sweepName, sweepText, trainedBelow, planned, runs);
    }

    public String sweepName() { return sweepName; }
    /** The sweep file as written (YAML), shown verbatim in the report. */
    public String sweepText() { return sweepText; }
    /** A trial trained when its min training error is strictly below this. */
    public double trainedBelow() { return trainedBelow; }
    /** Trials the sweep plans in all, when known. */
    public OptionalInt planned() { return planned; }
    /** The runs recorded in the results directory, oldest first; empty when none was (or no directory). */
    public List<RunLog.Run> runs() { return runs; }
}
