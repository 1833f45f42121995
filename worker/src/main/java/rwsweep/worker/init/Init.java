package rwsweep.worker.init;

import rwsweep.worker.Activation;
import rwsweep.worker.Network;
import rwsweep.worker.spec.TrialSpec;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Draws a trial's starting weights by its {@link InitScheme} (paper.md, "Model" and "Related
 * schemes"). Every W_d (size(d) × size(d−1), column-major) is drawn by the scheme's rule and then
 * multiplied by the layer's gain ({@link TrialSpec#gain}: gIn for layer 1, gOut for layer D, g in
 * between); every bias starts at exactly 0.
 *
 * <p>The per-entry variances before the gain, with fan_in = size(d−1) and fan_out = size(d):
 * <ul>
 * <li>RANDOM_WALK, GAUSSIAN: 1/fan_in (the paper's scheme: effective std g/√fan_in);</li>
 * <li>GLOROT: 2/(fan_in + fan_out); HE: 2/fan_in;</li>
 * <li>ORTHOGONAL: Haar Q with orthonormal columns or rows, so each entry has variance
 *     1/max(fan_in, fan_out);</li>
 * <li>FRACTIONAL_MOMENT: {@link #fractionalMomentVariance} for the nonlinearity that follows the
 *     layer (the output layer and an auto-encoder's code layer are linear);</li>
 * <li>PARAMETER_SHARING: block copies ±W0 of a template W0 with variance 1/fan_in(W0).</li>
 * </ul>
 *
 * <p>Consumes the generator in a fixed order, layer by layer, so the same spec and the same seeded
 * generator give identical parameters.
 */
public final class Init {
    private Init() { }

    /**
     * Fills the weights and biases of {@code net} in {@code params} (layout of {@link Network}).
     *
     * @throws IllegalArgumentException if the spec and the net disagree on the layer sizes, if
     *     params is too short, or if PARAMETER_SHARING meets a hidden layer of odd width
     */
    public static void initialize(TrialSpec spec, Network net, float[] params, RandomGenerator rng) {
        if (!Arrays.equals(spec.sizes(), net.sizes())) {
            throw new IllegalArgumentException("trial spec sizes " + Arrays.toString(spec.sizes())
                    + " differ from the network's " + Arrays.toString(net.sizes()));
        }
        if (params.length < net.parameterCount()) {
            throw new IllegalArgumentException("parameter array holds " + params.length
                    + " floats, the network needs " + net.parameterCount());
        }
        InitScheme scheme = spec.init();
        if (scheme == InitScheme.PARAMETER_SHARING) requireEvenHiddenWidths(net);
        for (int d = 1; d <= net.depth(); d++) {
            int rows = net.size(d);
            int cols = net.size(d - 1);
            int off = net.weightOffset(d);
            double gain = spec.gain(d);
            if (scheme == InitScheme.ORTHOGONAL) {
                Orthogonal.fill(params, off, rows, cols, gain, rng);
            } else if (scheme == InitScheme.PARAMETER_SHARING && net.depth() > 1) {
                fillShared(params, off, rows, cols, rowBlocks(net, d), columnBlocks(d), gain, rng);
            } else {
                double std = gain * Math.sqrt(variance(spec, net, d));
                for (int i = off, end = off + rows * cols; i < end; i++) {
                    params[i] = (float) (std * rng.nextGaussian());
                }
            }
            int bias = net.biasOffset(d);
            Arrays.fill(params, bias, bias + rows, 0f);
        }
    }

    /**
     * Per-entry variance of W_d before the gain, as the class comment lists it. For tests and docs
     * comparing schemes; {@link #initialize} draws from it.
     */
    public static double variance(TrialSpec spec, Network net, int d) {
        int fanIn = net.size(d - 1);
        int fanOut = net.size(d);
        return switch (spec.init()) {
            case RANDOM_WALK, GAUSSIAN -> 1.0 / fanIn;
            case GLOROT -> 2.0 / (fanIn + fanOut);
            case HE -> 2.0 / fanIn;
            case ORTHOGONAL -> 1.0 / Math.max(fanIn, fanOut);
            case FRACTIONAL_MOMENT -> fractionalMomentVariance(net.activation(d), spec.leakySlope(), fanIn, spec.fractionalS());
            case PARAMETER_SHARING -> 1.0 / (net.depth() > 1 ? fanIn / columnBlocks(d) : fanIn);
        };
    }

    /**
     * The second-order variance that preserves E|x|^s from layer to layer (Gurbuzbalaban and Hu 2021;
     * paper.md), with m = fan_in and s in (0, 2]:
     * <ul>
     * <li>linear: {@code 1/m + (2−s)/(2m²)};</li>
     * <li>ReLU: {@code 2/m + 5(2−s)/(2m²)};</li>
     * <li>leaky ReLU, slope a > 0 (RELU with {@code leakySlope} > 0):
     *     {@code 2/((1+a²)m) + (2−s)((5s−24)a² + 10)/((2(s+2)a² + 4)m²)};</li>
     * <li>tanh: the linear formula. The paper has none for tanh; tanh(x) = x + O(x³), so near the
     *     zero-mean small activations where the moment argument is made it acts as the identity.</li>
     * </ul>
     * At s = 2 these are 1/m (fan-in) and 2/m (He), and the leaky one is 2/((1+a²)m).
     */
    public static double fractionalMomentVariance(Activation f, double leakySlope, int m, double s) {
        if (!(s > 0 && s <= 2)) throw new IllegalArgumentException("fractional moment s must lie in (0, 2], got " + s);
        if (m < 1) throw new IllegalArgumentException("fan-in m must be at least 1, got " + m);
        double m2 = (double) m * m;
        return switch (f) {
            case LINEAR, TANH -> 1.0 / m + (2 - s) / (2 * m2);
            case RELU -> {
                if (leakySlope > 0) {
                    double a2 = leakySlope * leakySlope;
                    yield 2.0 / ((1 + a2) * m) + (2 - s) * ((5 * s - 24) * a2 + 10) / ((2 * (s + 2) * a2 + 4) * m2);
                }
                yield 2.0 / m + 5 * (2 - s) / (2 * m2);
            }
        };
    }

    /** Parameter sharing (Burkholz and Dubatovka 2019) builds every hidden layer from two halves. */
    private static void requireEvenHiddenWidths(Network net) {
        for (int d = 1; d < net.depth(); d++) {
            if (net.size(d) % 2 != 0) {
                throw new IllegalArgumentException("init PARAMETER_SHARING needs an even width: hidden layer "
                        + d + " has width " + net.size(d) + ", and each hidden layer is built from two halves "
                        + "[[W0, -W0], [-W0, W0]]; use an even width");
            }
        }
    }

    /** Layers 1..D−1 output two halves [+; −]; the output layer D one. */
    private static int rowBlocks(Network net, int d) { return d < net.depth() ? 2 : 1; }

    /** Layers 2..D read two halves [+, −]; layer 1 reads the input. */
    private static int columnBlocks(int d) { return d > 1 ? 2 : 1; }

    /**
     * W(i, c) = σ_i σ_c · W0(i mod r0, c mod c0), σ = +1 on the first half and −1 on the second, with
     * W0 (r0 × c0) = (rows/rowBlocks × cols/colBlocks) ~ gain·N(0, 1/c0). So the input layer is
     * [[W0], [−W0]], a hidden layer [[W0, −W0], [−W0, W0]] and the output layer [W0, −W0]; with ReLU
     * the net then computes the linear map of its templates, because relu(u) − relu(−u) = u.
     */
    private static void fillShared(float[] params, int off, int rows, int cols, int rowBlocks, int colBlocks,
                                   double gain, RandomGenerator rng) {
        int r0 = rows / rowBlocks;
        int c0 = cols / colBlocks;
        double std = gain / Math.sqrt(c0);
        float[] template = new float[r0 * c0]; // (r0 × c0), column-major
        for (int i = 0; i < template.length; i++) template[i] = (float) (std * rng.nextGaussian());
        for (int c = 0; c < cols; c++) {
            int cb = c / c0;
            for (int i = 0; i < rows; i++) {
                int ib = i / r0;
                float w = template[(c - cb * c0) * r0 + (i - ib * r0)];
                params[off + c * rows + i] = (ib + cb) % 2 == 0 ? w : -w;
            }
        }
    }
}
