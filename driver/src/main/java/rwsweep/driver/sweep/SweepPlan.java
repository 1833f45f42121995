package rwsweep.driver.sweep;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.data.Dataset;

/**
 * A validated sweep ready to run: its name, the sweep file's text (kept beside the results), the
 * expanded trials and the standardised training data they share. Made by the sweep-file side
 * ({@code SweepFile} → {@code Grid}), consumed by the Spark side ({@code SweepJob}).
 */
public final class SweepPlan {
    /**
     * A running trial saves its state after an epoch once this many seconds of training passed
     * since its last save: a killed hour-long trial loses at most a minute and an epoch, a trial
     * shorter than a minute never pays for a save, and a long one spends a save's time (0.1 s for
     * a 1000 × 64 net) per minute. README, "The 1000-layer net", has the measurement.
     */
    public static final double DEFAULT_CHECKPOINT_SECONDS = 60;

    private final String name;
    private final String sweepText;
    private final List<TrialSpec> trials;
    private final Dataset data;
    private final OptionalDouble checkpointSeconds;
    private final Optional<Pruning> pruning;

    /** A plan whose trials save their state every {@link #DEFAULT_CHECKPOINT_SECONDS}. */
    public SweepPlan(String name, String sweepText, List<TrialSpec> trials, Dataset data) {
        this(name, sweepText, trials, data, OptionalDouble.of(DEFAULT_CHECKPOINT_SECONDS));
    }

    public SweepPlan(String name, String sweepText, List<TrialSpec> trials, Dataset data, OptionalDouble checkpointSeconds) {
        this(name, sweepText, trials, data, checkpointSeconds, Optional.empty());
    }

    public SweepPlan(String name, String sweepText, List<TrialSpec> trials, Dataset data, OptionalDouble checkpointSeconds,
                     Optional<Pruning> pruning) {
        this.name = name;
        this.sweepText = sweepText;
        this.trials = List.copyOf(trials);
        this.data = data;
        this.checkpointSeconds = checkpointSeconds;
        this.pruning = pruning;
    }

    /** The sweep's name from its file: a results directory belongs to one sweep name. */
    public String name() { return name; }
    /** The sweep file as written, stored as DIR/sweep.yaml. */
    public String sweepText() { return sweepText; }
    /** The trials, longest first ({@link CostModel}). */
    public List<TrialSpec> trials() { return trials; }
    /** The standardised training data every trial reads. */
    public Dataset data() { return data; }
    /** Seconds of training between a running trial's saved states (sweep-file key checkpoint); empty: none saved. */
    public OptionalDouble checkpointSeconds() { return checkpointSeconds; }
    /** The pruning rule (sweep-file key prune); empty: every trial runs every epoch. */
    public Optional<Pruning> pruning() { return pruning; }
}
