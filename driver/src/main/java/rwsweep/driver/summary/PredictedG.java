package rwsweep.driver.summary;

import rwsweep.driver.sweep.NumberText;
import java.util.Optional;
import rwsweep.worker.Activation;
import rwsweep.worker.theory.RandomWalk;

/**
 * The random-walk prediction of the best g for a net of hidden width N (paper.md, "The random
 * walk"), as a range [low, high]: a point for linear and ReLU, the paper's band for tanh, which has
 * no closed form.
 * <ul>
 *   <li>linear: g = exp(1/(2N)) makes ln|δ| a zero-drift walk;
 *   <li>ReLU: g = √2·exp(1.2/(max(N,6) − 2.4));
 *   <li>tanh: about 1.1–1.3 (the band the paper's Figure 3 shows; {@link RandomWalk#simulatedOptimalG}
 *       gives a simulated point, but the claim checked is the paper's band).
 * </ul>
 * The point formulas are {@link RandomWalk}'s.
 */
public record PredictedG(double low, double high) {
    /** The paper's tanh band (Figure 3: the lowest training errors lie at g ≈ 1.1–1.3). */
    public static final double TANH_LOW = 1.1;
    public static final double TANH_HIGH = 1.3;

    /**
     * The prediction for f at width N: the point of the paper's formula where it has one
     * ({@link RandomWalk#formula}), the paper's band for tanh; empty for a nonlinearity with neither.
     */
    public static Optional<PredictedG> forNet(Activation f, int width) {
        Optional<RandomWalk.Formula> formula = RandomWalk.formula(f);
        if (formula.isPresent()) return Optional.of(point(formula.get().g(width)));
        return f == Activation.TANH ? Optional.of(new PredictedG(TANH_LOW, TANH_HIGH)) : Optional.empty();
    }

    /** {@link #forNet}, for the nonlinearities the paper predicts (linear, ReLU, tanh). */
    public static PredictedG of(Activation f, int width) {
        return forNet(f, width).orElseThrow(() -> new IllegalArgumentException("the paper predicts no g for " + f));
    }

    private static PredictedG point(double g) {
        return new PredictedG(g, g);
    }

    /** The middle of the range: the point the grid step around the prediction is measured at. */
    public double centre() {
        return (low + high) / 2;
    }

    /** Distance from the range [a, b] of tied best g to this range; 0 when they overlap. */
    public double distance(double a, double b) {
        return Math.max(0, Math.max(a - high, low - b));
    }

    /** "1.433" or "1.1–1.3". */
    public String label() {
        return low == high ? NumberText.compact(low) : NumberText.compact(low) + "–" + NumberText.compact(high);
    }
}
