package rwsweep.worker;

import rwsweep.worker.spec.TrialSpec;

/**
 * Per-layer learning rates of the paper's protocol (paper.md, "Training protocol"):
 * {@code λ_d = λout · (λin/λout)^((D − d)/(Dmax − 1))} for d = 1..D, all λout when Dmax = 1.
 * One geometric schedule of Dmax rates running from λin (first layer of the deepest net) up to
 * λout (every net's output layer); a depth-D net uses the top D of them.
 */
public final class LearningRates {
    private LearningRates() { }

    /** λ_d for d = 1..D at epoch 1 (index 0 unused). */
    public static double[] initial(TrialSpec spec) {
        return of(spec.lambdaIn(), spec.lambdaOut(), spec.depth(), spec.dMax());
    }

    /** λ_d for d = 1..depth (index 0 unused). */
    public static double[] of(double lambdaIn, double lambdaOut, int depth, int dMax) {
        if (depth < 1 || dMax < depth) {
            throw new IllegalArgumentException("need 1 <= depth <= dMax, got depth " + depth + ", dMax " + dMax);
        }
        double[] rates = new double[depth + 1];
        for (int d = 1; d <= depth; d++) {
            rates[d] = dMax == 1 ? lambdaOut
                    : lambdaOut * Math.pow(lambdaIn / lambdaOut, (double) (depth - d) / (dMax - 1));
        }
        return rates;
    }
}
