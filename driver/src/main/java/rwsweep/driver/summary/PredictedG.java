package rwsweep.driver.summary;

import rwsweep.worker.Activation;

/**
 * The random-walk prediction of the best g for a net of hidden width N (paper.md, "The random
 * walk"), as a range [low, high]: a point for linear and ReLU, the paper's band for tanh, which has
 * no closed form.
 * <ul>
 *   <li>linear: g = exp(1/(2N)) makes ln|δ| a zero-drift walk;
 *   <li>ReLU: g = √2·exp(1.2/(max(N,6) − 2.4));
 *   <li>tanh: about 1.1–1.3.
 * </ul>
 * TODO(merge): use rwsweep.worker.RandomWalk for the point formulas once it is on main.
 */
public record PredictedG(double low, double high) {
    /** The paper's tanh band (Figure 3: the lowest training errors lie at g ≈ 1.1–1.3). */
    public static final double TANH_LOW = 1.1;
    public static final double TANH_HIGH = 1.3;

    public static PredictedG of(Activation f, int width) {
        if (width < 1) throw new IllegalArgumentException("width N must be >= 1, got " + width);
        return switch (f) {
            case LINEAR -> point(Math.exp(1.0 / (2.0 * width)));
            case RELU -> point(Math.sqrt(2.0) * Math.exp(1.2 / (Math.max(width, 6) - 2.4)));
            case TANH -> new PredictedG(TANH_LOW, TANH_HIGH);
        };
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
        return low == high ? Table.number(low) : Table.number(low) + "–" + Table.number(high);
    }
}
