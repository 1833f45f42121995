package rwsweep.worker.init;

/**
 * How the weights of a trial start (paper.md, "Related schemes"). Every scheme draws each layer's
 * matrix by its own rule and then multiplies it by the layer's gain: {@code gIn} for layer 1,
 * {@code gOut} for layer D, {@code g} for the hidden layers in between. Biases start at zero.
 */
public enum InitScheme {
    /** W ~ g·N(0, 1/fan_in) with g the random-walk g of the net's width and f (or given). */
    RANDOM_WALK,
    /** W ~ g·N(0, 1/fan_in) with g given. */
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
    PARAMETER_SHARING
}
