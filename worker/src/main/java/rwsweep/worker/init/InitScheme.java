package rwsweep.worker.init;

/**
 * How the weights of a trial start (paper.md, "Related schemes"). Every scheme draws each layer's
 * matrix by its own rule and then multiplies it by the layer's gain: {@code gIn} for layer 1,
 * {@code gOut} for layer D, {@code g} for the hidden layers in between. Biases start at zero.
 */
public enum InitScheme {
    /**
     * The same weights as GAUSSIAN, under the name stores written before the sweep file's
     * {@code random_walk} became gaussian at the critical g hold them by (their keys hash it, so it
     * stays readable). No sweep makes trials of it any more: the driver's InitChoice is the one place
     * that turns {@code init: random_walk} into GAUSSIAN trials at each net's critical g.
     */
    RANDOM_WALK,
    /** W ~ g·N(0, 1/fan_in), the paper's scheme (paper §2), with g given or the net's critical g. */
    GAUSSIAN,
    /** W ~ g·N(0, 2/(fan_in + fan_out)) (Glorot and Bengio 2010). */
    GLOROT,
    /** W ~ g·N(0, 2/fan_in) (He et al. 2015). */
    HE,
    /** W = g·Q, Q with orthonormal rows or columns (Saxe et al. 2014). */
    ORTHOGONAL,
    /** W ~ g·N(0, σ²(s)) preserving E|x|^s across layers (Gurbuzbalaban and Hu 2021). */
    FRACTIONAL_MOMENT,
    /** ReLU parameter sharing [[W0,-W0],[-W0,W0]], W0 ~ g·N(0, 1/fan_in(W0)) (Burkholz and Dubatovka 2019). */
    PARAMETER_SHARING;

    /**
     * True for the paper's scheme, W ~ g·N(0, 1/fan_in) (paper §2): GAUSSIAN, and RANDOM_WALK, the
     * older name of the same weights. The one definition the paper check, the predicted-g tables and
     * the random-walk plots use.
     */
    public boolean isPaperScheme() {
        return switch (this) {
            case RANDOM_WALK, GAUSSIAN -> true;
            case GLOROT, HE, ORTHOGONAL, FRACTIONAL_MOMENT, PARAMETER_SHARING -> false;
        };
    }
}
