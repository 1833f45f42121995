package rwsweep.driver.sweep;

import java.util.List;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.data.Dataset;

/**
 * A validated sweep ready to run: its name, the sweep file's text (kept beside the results), the
 * expanded trials and the standardised training data they share. Made by the sweep-file side
 * ({@code SweepFile} → {@code Grid}), consumed by the Spark side ({@code SweepJob}).
 */
public final class SweepPlan {
    private final String name;
    private final String sweepText;
    private final List<TrialSpec> trials;
    private final Dataset data;

    public SweepPlan(String name, String sweepText, List<TrialSpec> trials, Dataset data) {
        this.name = name;
        this.sweepText = sweepText;
        this.trials = List.copyOf(trials);
        this.data = data;
    }

    /** The sweep's name from its file: a results directory belongs to one sweep name. */
    public String name() { return name; }
    /** The sweep file as written, stored as DIR/sweep.yaml. */
    public String sweepText() { return sweepText; }
    /** The trials, longest first ({@link CostModel}). */
    public List<TrialSpec> trials() { return trials; }
    /** The standardised training data every trial reads. */
    public Dataset data() { return data; }
}
