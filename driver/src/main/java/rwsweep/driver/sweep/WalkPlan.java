package rwsweep.driver.sweep;

import java.util.List;
import java.util.Optional;
import rwsweep.worker.data.Dataset;
import rwsweep.worker.theory.WalkSpec;

/**
 * A validated random-walk sweep ready to run: its name, the sweep file's text, the expanded points
 * and the standardised data that drives them (none for Gaussian inputs). Made by {@link WalkGrid},
 * consumed by the Spark side as a {@link SweepPlan} is.
 */
public final class WalkPlan {
    private final String name;
    private final String sweepText;
    private final List<WalkSpec> points;
    private final Dataset data;

    public WalkPlan(String name, String sweepText, List<WalkSpec> points, Optional<Dataset> data) {
        this.name = name;
        this.sweepText = sweepText;
        this.points = List.copyOf(points);
        this.data = data.orElse(null);
    }

    public String name() { return name; }
    public String sweepText() { return sweepText; }
    /** The points, longest first ({@link WalkGrid#cost}). */
    public List<WalkSpec> points() { return points; }
    public Optional<Dataset> data() { return Optional.ofNullable(data); }
}
