package rwsweep.worker.init;

import rwsweep.worker.Activation;
import rwsweep.worker.Network;
import rwsweep.worker.spec.TrialSpec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every initialisation scheme: its variance formula, the statistics of what it draws on large
 * matrices, the gains per layer, zero biases, determinism, orthogonality and the parameter-sharing
 * identity.
 */
class InitTest {
    // layer 1 is tall (500 × 300), layer 2 square (500 × 500), layer 3 wide (200 × 500)
    private static final int[] SIZES = {300, 500, 500, 200};
    private static final double G = 1.3;
    private static final double G_IN = 0.7;
    private static final double G_OUT = 2.1;

    private static TrialSpec.Builder builder(InitScheme scheme, Activation f, int... sizes) {
        return TrialSpec.builder().activation(f).sizes(sizes).init(scheme)
                .g(G).gIn(G_IN).gOut(G_OUT).lambda(0.1, 0.1).epochs(1).batchSize(1);
    }

    /** Weights and biases after initialisation; the array starts as NaN so nothing can be left unset. */
    private static float[] initialise(TrialSpec spec, long seed) {
        Network net = spec.network();
        float[] params = new float[net.parameterCount()];
        Arrays.fill(params, Float.NaN);
        Init.initialize(spec, net, params, new SplittableRandom(seed));
        return params;
    }

    @Test
    void fractionalMomentVarianceMatchesHandComputedValues() {
        // s = 2: fan-in (linear), He (ReLU), 2/((1 + a²)m) (leaky)
        assertEquals(0.1, Init.fractionalMomentVariance(Activation.LINEAR, 0, 10, 2), 1e-15);
        assertEquals(0.2, Init.fractionalMomentVariance(Activation.RELU, 0, 10, 2), 1e-15);
        assertEquals(2 / (1.01 * 10), Init.fractionalMomentVariance(Activation.RELU, 0.1, 10, 2), 1e-15);
        // s = 1, m = 10: linear 1/10 + 1/200 = 0.105; ReLU 2/10 + 5/200 = 0.225
        assertEquals(0.105, Init.fractionalMomentVariance(Activation.LINEAR, 0, 10, 1), 1e-15);
        assertEquals(0.225, Init.fractionalMomentVariance(Activation.RELU, 0, 10, 1), 1e-15);
        // leaky a = 0.1: 2/(1.01·10) + 1·((5 − 24)·0.01 + 10)/((2·3·0.01 + 4)·100) = 0.1980198 + 9.81/406
        assertEquals(0.19801980198019803 + 9.81 / 406, Init.fractionalMomentVariance(Activation.RELU, 0.1, 10, 1), 1e-12);
        // tanh uses the linear formula
        assertEquals(0.105, Init.fractionalMomentVariance(Activation.TANH, 0, 10, 1), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Init.fractionalMomentVariance(Activation.RELU, 0, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> Init.fractionalMomentVariance(Activation.RELU, 0, 10, 2.5));
    }

    /** Per-entry variance before the gain, written out here independently of Init.variance. */
    private static double expectedVariance(TrialSpec spec, int d) {
        int fanIn = SIZES[d - 1];
        int fanOut = SIZES[d];
        boolean output = d == SIZES.length - 1;
        double m = fanIn;
        return switch (spec.init()) {
            case RANDOM_WALK, GAUSSIAN -> 1 / m;
            case GLOROT -> 2.0 / (fanIn + fanOut);
            case HE -> 2 / m;
            case ORTHOGONAL -> 1.0 / Math.max(fanIn, fanOut);
            // ReLU hidden layers, s = 1: 2/m + 5/(2m²); the linear output layer: 1/m + 1/(2m²)
            case FRACTIONAL_MOMENT -> output ? 1 / m + 1 / (2 * m * m) : 2 / m + 5 / (2 * m * m);
            // template W0 of half the fan-in, except layer 1 which reads the input itself
            case PARAMETER_SHARING -> d == 1 ? 1 / m : 2 / m;
        };
    }

    /**
     * Mean and variance of every layer's entries against the scheme's variance times the layer's
     * gain². n = 100 000-250 000 entries per layer (a quarter or half of that for the shared
     * template), i.i.d. Gaussian: the sample mean has se σ/√n and the mean square has relative se
     * √(2/n) ≤ 0.45% (2σ⁴/n is the variance of a mean of squares); tolerance 5 se. Orthogonal
     * entries are not independent, but each orthonormal vector has norm 1, so their mean square is
     * exactly 1/max(fan_in, fan_out).
     */
    @ParameterizedTest
    @EnumSource(InitScheme.class)
    void entriesHaveTheSchemesVarianceTimesTheLayersGain(InitScheme scheme) {
        TrialSpec spec = builder(scheme, Activation.RELU, SIZES).fractionalS(1.0).build();
        Network net = spec.network();
        float[] params = initialise(spec, 7);
        double[] gains = {Double.NaN, G_IN, G, G_OUT};
        for (int d = 1; d <= net.depth(); d++) {
            double variance = expectedVariance(spec, d);
            assertEquals(variance, Init.variance(spec, net, d), 1e-15, scheme + " layer " + d);
            int rows = net.size(d);
            int cols = net.size(d - 1);
            // for parameter sharing only the template block W0 is independent
            int templateRows = scheme == InitScheme.PARAMETER_SHARING && d < net.depth() ? rows / 2 : rows;
            int templateCols = scheme == InitScheme.PARAMETER_SHARING && d > 1 ? cols / 2 : cols;
            double sum = 0;
            double sumSquares = 0;
            for (int c = 0; c < templateCols; c++) {
                for (int i = 0; i < templateRows; i++) {
                    double w = params[net.weightOffset(d) + c * rows + i];
                    sum += w;
                    sumSquares += w * w;
                }
            }
            int n = templateRows * templateCols;
            double sigma2 = gains[d] * gains[d] * variance;
            assertEquals(0.0, sum / n, 5 * Math.sqrt(sigma2 / n), scheme + " mean of layer " + d);
            assertEquals(1.0, sumSquares / n / sigma2, 5 * Math.sqrt(2.0 / n), scheme + " variance of layer " + d);
            for (int i = 0; i < rows; i++) {
                assertEquals(0f, params[net.biasOffset(d) + i], scheme + " bias of layer " + d);
            }
        }
        for (float p : params) assertTrue(Float.isFinite(p));
    }

    @Test
    void fractionalMomentAtSTwoIsHeForReluAndLeakyUsesItsOwnFormula() {
        TrialSpec fractional = builder(InitScheme.FRACTIONAL_MOMENT, Activation.RELU, SIZES).fractionalS(2).build();
        TrialSpec he = builder(InitScheme.HE, Activation.RELU, SIZES).build();
        TrialSpec leaky = builder(InitScheme.FRACTIONAL_MOMENT, Activation.RELU, SIZES).fractionalS(1).leakySlope(0.1).build();
        Network net = he.network();
        for (int d = 1; d < net.depth(); d++) {
            assertEquals(Init.variance(he, net, d), Init.variance(fractional, net, d), 1e-15);
            assertEquals(Init.fractionalMomentVariance(Activation.RELU, 0.1, SIZES[d - 1], 1), Init.variance(leaky, net, d), 0.0);
        }
        // the output layer is linear: fan-in at s = 2
        assertEquals(1.0 / SIZES[2], Init.variance(fractional, net, 3), 1e-15);
    }

    /**
     * Orthonormal columns (tall), rows (wide), both (square), after dividing out the gain. Entries
     * are float: each inner product of 300-500 terms carries rounding of about √500·6e-8 ≈ 1.3e-6,
     * so 1e-5 holds with room.
     */
    @Test
    void orthogonalLayersHaveOrthonormalColumnsOrRowsScaledByTheGain() {
        TrialSpec spec = builder(InitScheme.ORTHOGONAL, Activation.TANH, SIZES).build();
        Network net = spec.network();
        float[] params = initialise(spec, 3);
        double[] gains = {Double.NaN, G_IN, G, G_OUT};
        for (int d = 1; d <= net.depth(); d++) {
            int rows = net.size(d);
            int cols = net.size(d - 1);
            int off = net.weightOffset(d);
            if (rows >= cols) assertGramIsIdentity(params, off, rows, cols, true, gains[d]);
            if (rows <= cols) assertGramIsIdentity(params, off, rows, cols, false, gains[d]);
        }
    }

    /** QᵀQ (columns) or QQᵀ (rows) of W/gain equals I to 1e-5. */
    private static void assertGramIsIdentity(float[] w, int off, int rows, int cols, boolean columns, double gain) {
        int count = columns ? cols : rows;
        int length = columns ? rows : cols;
        for (int p = 0; p < count; p++) {
            for (int q = p; q < count; q++) {
                double s = 0;
                for (int k = 0; k < length; k++) {
                    double x = columns ? w[off + p * rows + k] : w[off + k * rows + p];
                    double y = columns ? w[off + q * rows + k] : w[off + k * rows + q];
                    s += x * y;
                }
                assertEquals(p == q ? 1.0 : 0.0, s / (gain * gain), 1e-5, (columns ? "columns " : "rows ") + p + ", " + q);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(InitScheme.class)
    void sameSeedGivesIdenticalParametersAndAnotherSeedDoesNot(InitScheme scheme) {
        TrialSpec spec = builder(scheme, Activation.RELU, 30, 20, 20, 10).build();
        float[] first = initialise(spec, 42);
        assertArrayEquals(first, initialise(spec, 42));
        assertFalse(Arrays.equals(first, initialise(spec, 43)));
    }

    /**
     * With ReLU and parameter sharing the net computes the linear map of its templates at init:
     * the input layer gives [u; −u], relu(u) − relu(−u) = u at every later layer, so
     * y = W0_D ··· W0_1 x with the gains inside the templates. Both sides are computed here in double
     * from the same float weights, so they agree to double rounding (1e-12 relative is generous).
     */
    @Test
    void reluNetWithParameterSharingComputesTheLinearMapOfItsTemplates() {
        int[] sizes = {20, 16, 16, 16, 5};
        TrialSpec spec = builder(InitScheme.PARAMETER_SHARING, Activation.RELU, sizes).build();
        Network net = spec.network();
        float[] params = initialise(spec, 5);
        int depth = net.depth();
        double[][][] templates = new double[depth + 1][][];
        for (int d = 1; d <= depth; d++) {
            int rows = net.size(d);
            int cols = net.size(d - 1);
            int r0 = d < depth ? rows / 2 : rows;
            int c0 = d > 1 ? cols / 2 : cols;
            templates[d] = new double[r0][c0];
            for (int c = 0; c < cols; c++) {
                for (int i = 0; i < rows; i++) {
                    double w = params[net.weightOffset(d) + c * rows + i];
                    double sign = ((i / r0) + (c / c0)) % 2 == 0 ? 1 : -1;
                    if (i < r0 && c < c0) templates[d][i][c] = w;
                    // every block is ± the template, exactly
                    assertEquals(sign * params[net.weightOffset(d) + (c % c0) * rows + (i % r0)], w, 0.0);
                }
            }
        }
        SplittableRandom rng = new SplittableRandom(9);
        for (int trial = 0; trial < 5; trial++) {
            double[] x = new double[sizes[0]];
            for (int i = 0; i < x.length; i++) x[i] = rng.nextGaussian();
            double[] linear = x;
            for (int d = 1; d <= depth; d++) linear = multiply(templates[d], linear);
            double[] h = x;
            for (int d = 1; d <= depth; d++) {
                double[] a = new double[net.size(d)];
                for (int i = 0; i < a.length; i++) {
                    double s = params[net.biasOffset(d) + i];
                    for (int c = 0; c < h.length; c++) s += params[net.weightOffset(d) + c * a.length + i] * h[c];
                    a[i] = d < depth ? Math.max(0, s) : s;
                }
                h = a;
            }
            for (int i = 0; i < h.length; i++) {
                assertEquals(linear[i], h[i], 1e-12 * (1 + Math.abs(linear[i])), "output " + i);
            }
        }
    }

    private static double[] multiply(double[][] m, double[] v) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < v.length; j++) out[i] += m[i][j] * v[j];
        }
        return out;
    }

    @Test
    void parameterSharingRejectsAnOddWidthClearly() {
        TrialSpec spec = builder(InitScheme.PARAMETER_SHARING, Activation.RELU, 20, 15, 15, 5).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> initialise(spec, 1));
        assertTrue(e.getMessage().contains("width 15"), e.getMessage());
        assertTrue(e.getMessage().contains("even width"), e.getMessage());
        assertTrue(e.getMessage().contains("PARAMETER_SHARING"), e.getMessage());
    }

    @Test
    void parameterSharingWithoutHiddenLayersIsAGaussianOutputLayer() {
        TrialSpec spec = builder(InitScheme.PARAMETER_SHARING, Activation.RELU, 7, 5).build();
        Network net = spec.network();
        assertEquals(1.0 / 7, Init.variance(spec, net, 1), 1e-15);
        float[] params = initialise(spec, 2);
        for (float p : params) assertTrue(Float.isFinite(p));
        for (int i = 0; i < 5; i++) assertEquals(0f, params[net.biasOffset(1) + i]);
    }

    @Test
    void rejectsAParameterArrayOrNetThatDoesNotFitTheSpec() {
        TrialSpec spec = builder(InitScheme.GAUSSIAN, Activation.TANH, 4, 3, 2).build();
        Network other = Network.classifier(4, 5, 2, 2, Activation.TANH);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Init.initialize(spec, other, new float[other.parameterCount()], new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("[4, 3, 2]"), e.getMessage());
        Network net = spec.network();
        assertThrows(IllegalArgumentException.class,
                () -> Init.initialize(spec, net, new float[net.parameterCount() - 1], new SplittableRandom(1)));
    }
}
