package rwsweep.driver.sweep;

import java.util.Comparator;
import rwsweep.worker.spec.TrialSpec;

/**
 * (λin, λout): the learning-rate pair that fixes a trial's per-layer rates (paper.md, "Training
 * protocol"). Pairs order by λin, then λout.
 */
public record LambdaPair(double lambdaIn, double lambdaOut) implements Comparable<LambdaPair> {
    private static final Comparator<LambdaPair> ORDER =
            Comparator.comparingDouble(LambdaPair::lambdaIn).thenComparingDouble(LambdaPair::lambdaOut);

    public static LambdaPair of(TrialSpec spec) {
        return new LambdaPair(spec.lambdaIn(), spec.lambdaOut());
    }

    /** "0.01/0.1": λin/λout as in the paper's Figure 4 legend, each as the sweep file writes it. */
    public String label() {
        return NumberText.plain(lambdaIn) + "/" + NumberText.plain(lambdaOut);
    }

    @Override
    public int compareTo(LambdaPair o) {
        return ORDER.compare(this, o);
    }
}
