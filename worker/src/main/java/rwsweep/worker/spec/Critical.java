package rwsweep.worker.spec;

import java.util.Locale;

/**
 * Which random-walk optimum a "critical" g is (paper §2; paper.md, "The random walk"): the two
 * answer different questions, and for tanh they differ by 0.05–0.1.
 */
public enum Critical {
    /**
     * The g at which the mean of ln(|δ_1|/|δ_D|) is zero for random nets of the trial's own depth,
     * widths and input: the question a user training that net asks. For linear and ReLU nets the
     * paper's formulas, which are that optimum at every depth (the finite-depth simulation agrees
     * to 0.1%); for tanh the simulated optimum of the net itself, driven by its training data.
     */
    FINITE_DEPTH,
    /**
     * The g at which the walk has no drift per layer once the forward activity has reached its
     * fixed point, D → ∞: the formulas for linear and ReLU, a burnt-in simulation for tanh.
     */
    STEADY_STATE;

    /** As a sweep file and the results write it: {@code finite-depth}, {@code steady-state}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant a {@link #label()} names. */
    public static Critical of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
