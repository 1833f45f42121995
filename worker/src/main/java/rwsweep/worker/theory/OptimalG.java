package rwsweep.worker.theory;

import java.util.Locale;

/**
 * The g at which the mean of ln(|δ_1|/|δ_D|) over random nets is zero, for one net shape and
 * input (paper §2: the g that makes the walk unbiased, here at the depth of the net), found by
 * {@link FiniteDepthWalk#optimalG}, with a 95% confidence interval from the spread over the nets:
 * the standard error of the mean at the root divided by the mean's slope in ln g there (delta
 * method), so {@code [g·e^{−1.96 se}, g·e^{+1.96 se}]}.
 */
public final class OptimalG {
    private final double g;
    private final double standardError;  // of ln g
    private final double slope;          // d mean(ln|δ_1|/|δ_D|) / d ln g at the root
    private final long nets;
    private final long killed;
    private final int evaluations;

    OptimalG(double g, double standardError, double slope, long nets, long killed, int evaluations) {
        this.g = g;
        this.standardError = standardError;
        this.slope = slope;
        this.nets = nets;
        this.killed = killed;
        this.evaluations = evaluations;
    }

    /** The optimal g. */
    public double g() { return g; }

    /** Standard error of ln g from the spread over the nets. */
    public double standardError() { return standardError; }

    /** Lower end of the 95% confidence interval. */
    public double low() { return g * Math.exp(-1.96 * standardError); }

    /** Upper end of the 95% confidence interval. */
    public double high() { return g * Math.exp(1.96 * standardError); }

    /** Slope of the mean walk in ln g at the root: about D − 1 (each step gains ln g). */
    public double slope() { return slope; }

    /** Nets simulated at each g. */
    public long nets() { return nets; }

    /** Nets whose walk died (ReLU), left out of the mean. */
    public long killed() { return killed; }

    /** Simulations the root search ran (each over all the nets, with the same random numbers). */
    public int evaluations() { return evaluations; }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "g* = %.5f [%.5f, %.5f] (%d nets, %d killed, %d evaluations)",
                g, low(), high(), nets, killed, evaluations);
    }
}
