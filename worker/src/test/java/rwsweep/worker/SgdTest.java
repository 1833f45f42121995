package rwsweep.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rwsweep.worker.data.Dataset;

/**
 * One SGD step against the gradient computed on its own: θ' = θ − λ_d·min(1, c/‖∇‖)·∇ (the paper's
 * protocol: plain SGD, per-layer rates, clipping of large gradients, here by global norm) — also where λ‖∇‖ is
 * many orders of magnitude above |θ|, the far-g side of a deep Figure 3, where the clipped step is
 * a small difference of large numbers unless it is computed as one update.
 */
class SgdTest {
    private static final Dataset DATA = TrainerTest.digits(100);
    private static final int NB = 20;

    private static float[] initialParams(Network net) {
        float[] params = new float[net.parameterCount()];
        SplittableRandom random = new SplittableRandom(5);
        for (int d = 1; d <= net.depth(); d++) {
            double sd = 1.2 / Math.sqrt(net.size(d - 1));
            for (int i = net.weightOffset(d); i < net.biasOffset(d); i++) params[i] = (float) (sd * random.nextGaussian());
            for (int i = net.biasOffset(d); i < net.biasOffset(d) + net.size(d); i++) params[i] = (float) (0.1 * random.nextGaussian());
        }
        return params;
    }

    /**
     * Weights of gain g (the output layer's gain 1, as g_out = 1 in the sweeps) with random signs and
     * magnitudes between ½ and 1½ of the layer's N(0, g²/fan_in) scale, biases of magnitude 0.05 to
     * 0.15: no parameter near 0, so the relative error of every parameter means something.
     */
    private static float[] awayFromZero(Network net, double g, long seed) {
        float[] params = new float[net.parameterCount()];
        SplittableRandom random = new SplittableRandom(seed);
        for (int d = 1; d <= net.depth(); d++) {
            double sd = (d == net.depth() ? 1 : g) / Math.sqrt(net.size(d - 1));
            for (int i = net.weightOffset(d); i < net.biasOffset(d); i++) params[i] = (float) (sd * magnitude(random));
            for (int i = net.biasOffset(d); i < net.biasOffset(d) + net.size(d); i++) params[i] = (float) (0.1 * magnitude(random));
        }
        return params;
    }

    private static double magnitude(SplittableRandom random) {
        return (random.nextBoolean() ? 1 : -1) * (0.5 + random.nextDouble());
    }

    /** ∇ of the mean loss on the first NB digits, by the fast path on a workspace of its own. */
    private static float[] gradient(Network net, float[] params) {
        Workspace ws = new Workspace(net, NB);
        Forward.run(Blas.resolve(), net, params, ws, DATA.x(), 0, NB);
        Loss.evaluate(net, ws, NB, DATA.labels(), 0, DATA.x(), 0, true, new Loss.Totals());
        Backward.run(Blas.resolve(), net, params, ws, DATA.x(), 0, NB);
        return ws.gradient().clone();
    }

    /** ∇ of the mean loss on the first NB digits by the double-precision oracle. */
    private static double[] referenceGradient(Network net, float[] params) {
        double[] p = new double[params.length];
        for (int i = 0; i < p.length; i++) p[i] = params[i];
        double[][] xs = new double[NB][DATA.dim()];
        int[] labels = new int[NB];
        for (int e = 0; e < NB; e++) {
            for (int j = 0; j < DATA.dim(); j++) xs[e][j] = DATA.x()[e * DATA.dim() + j];
            labels[e] = DATA.labels()[e];
        }
        return new ReferenceNet(net).gradient(p, xs, labels);
    }

    private static double norm(float[] g) {
        double s = 0;
        for (float v : g) s += (double) v * v;
        return Math.sqrt(s);
    }

    private static double norm(double[] g) {
        double s = 0;
        for (double v : g) s += v * v;
        return Math.sqrt(s);
    }

    /** The reference path in double: the norm first, then one update θ − λ_d·min(1, c/‖∇‖)·∇. */
    private static double[] referenceStep(Network net, float[] before, double[] grad, double[] rates, double clipNorm) {
        double scale = Math.min(1, clipNorm / norm(grad));
        double[] after = new double[before.length];
        for (int d = 1; d <= net.depth(); d++) {
            for (int i = net.weightOffset(d); i < net.biasOffset(d) + net.size(d); i++) {
                after[i] = before[i] - rates[d] * scale * grad[i];
            }
        }
        return after;
    }

    /** A copy of {@code before} after one step of Sgd on the first NB digits. */
    private static float[] step(Network net, float[] before, double[] rates, double clipNorm, Sgd[] out) {
        float[] params = before.clone();
        int[] order = new int[DATA.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Sgd sgd = new Sgd(Blas.resolve(), net, params, NB, rates, clipNorm);
        sgd.step(DATA, order, 0, NB);
        if (out != null) out[0] = sgd;
        return params;
    }

    private static void checkStep(double clipNorm) {
        Network net = Network.classifier(784, 24, 3, 10, Activation.TANH);
        double[] rates = {0, 0.01, 0.05, 0.2}; // a different λ per layer, so a mix-up shows
        float[] before = initialParams(net);
        float[] grad = gradient(net, before);
        double gradNorm = norm(grad);
        Sgd[] sgd = new Sgd[1];
        float[] params = step(net, before, rates, clipNorm, sgd);
        // squares summed in float lanes of ≤ 512 terms (StepKernel): relative error well under 1e-5
        assertEquals(gradNorm, sgd[0].lastGradientNorm(), 1e-5 * gradNorm);
        double scale = Math.min(1, clipNorm / gradNorm);
        for (int d = 1; d <= net.depth(); d++) {
            for (int i = net.weightOffset(d); i < net.biasOffset(d) + net.size(d); i++) {
                double expected = before[i] - rates[d] * scale * grad[i];
                // float rounding of θ and of the update: a few ulps of θ
                assertEquals(expected, params[i], 4 * Math.ulp(Math.abs(before[i]) + 1e-3f), "layer " + d + " entry " + i);
            }
        }
    }

    @Test
    void unclippedStepIsTheRateTimesTheGradient() {
        checkStep(Double.POSITIVE_INFINITY);
    }

    @Test
    void clippedStepHasLengthClipNorm() {
        Network net = Network.classifier(784, 24, 3, 10, Activation.TANH);
        double gradNorm = norm(gradient(net, initialParams(net)));
        assertTrue(gradNorm > 0.2, "the test needs a gradient above the clip: " + gradNorm);
        checkStep(0.1 * gradNorm);
    }

    @Test
    void aClipThatIsNotReachedLeavesTheStepBitForBitUnclipped() {
        // With clipping on, the backward pass takes the norm alone and the update follows; below the
        // clip the result must be the fused update's, bit for bit.
        Network net = Network.classifier(784, 24, 3, 10, Activation.TANH);
        double[] rates = {0, 0.01, 0.05, 0.2};
        float[] before = initialParams(net);
        Sgd[] armed = new Sgd[1];
        float[] clipped = step(net, before, rates, 1e30, armed);
        assertTrue(armed[0].lastGradientNorm() < 1e30);
        assertArrayEquals(step(net, before, rates, Double.POSITIVE_INFINITY, null), clipped);
    }

    /**
     * The far-g side of a deep tanh Figure 3, as in the sweep that checks it (g = 3, g_out = 1,
     * λ from 0.001 at layer 1 to 0.1 at layer D, clip 10), on a net small enough for a test: the
     * gradient norm is ~1e8 (λ‖∇‖ ~1e7, against |θ| < 1). One clipped step moves the parameters by
     * exactly λ_d·clip/‖∇‖·∇: bit for bit what computing the norm first and updating once gives, so
     * Σ_d ‖Δθ_d/λ_d‖² = clip² to float precision, and no weight is lost to cancellation.
     */
    @Test
    void aClippedStepOfADeepTanhNetAtHugeGainIsOneUpdateOfLengthClip() {
        int depth = 60;
        Network net = Network.classifier(784, 128, depth, 10, Activation.TANH);
        double[] rates = LearningRates.of(0.001, 0.1, depth, depth);
        double clipNorm = 10;
        float[] before = awayFromZero(net, 3.0, 11);
        float[] grad = gradient(net, before);
        Sgd[] sgd = new Sgd[1];
        float[] params = step(net, before, rates, clipNorm, sgd);
        double gradNorm = sgd[0].lastGradientNorm();
        assertEquals(norm(grad), gradNorm, 1e-5 * gradNorm);
        assertTrue(rates[depth] * gradNorm > 1e6, "the test needs λ‖∇‖ ≫ |θ|: ‖∇‖ = " + gradNorm);

        // the change, per layer rate: clip, up to the norm's float-lane error (≤ 1e-5 above) and the
        // rounding of each θ to float (half an ulp of θ each, summed in quadrature)
        double change = 0, rounding = 0;
        long zeros = 0;
        for (int d = 1; d <= depth; d++) {
            for (int i = net.weightOffset(d); i < net.biasOffset(d) + net.size(d); i++) {
                double c = ((double) params[i] - before[i]) / rates[d];
                double r = 0.5 * Math.ulp(params[i]) / rates[d];
                change += c * c;
                rounding += r * r;
                if (params[i] == 0f) zeros++;
            }
        }
        assertEquals(clipNorm, Math.sqrt(change), 1e-5 * clipNorm + Math.sqrt(rounding), "‖Δθ/λ‖ of a step clipped to " + clipNorm);
        assertEquals(0, zeros, "parameters that became exactly 0");

        // the reference path in float: one update from θ_old with the step's own norm
        float[] expected = new float[before.length];
        for (int d = 1; d <= depth; d++) {
            float step = (float) (rates[d] * (clipNorm / gradNorm));
            for (int i = net.weightOffset(d); i < net.biasOffset(d) + net.size(d); i++) expected[i] = before[i] - grad[i] * step;
        }
        assertArrayEquals(expected, params);
    }

    /**
     * A clipped step against the double-precision oracle ({@link ReferenceNet}) at clip/‖∇‖ = 1e-6
     * and 1e-12, on a deep linear net at g = 3: its gradient norm is ~6e5 (λ‖∇‖ ~6e4 ≫ |θ| < 1),
     * and without tanh's saturation the float32 gradient agrees with the double one to ~1e-7, so
     * the only error left is the update's own. Every parameter is within 1e-6 of the reference,
     * relatively. Taking an unclipped step and then the excess back leaves errors of the order of
     * ulp(λ‖∇‖) ~ 1e-3 instead.
     */
    @ParameterizedTest(name = "clip/|grad| = {0}")
    @ValueSource(doubles = {1e-6, 1e-12})
    void aClippedStepAtHugeGainMatchesTheDoublePrecisionReference(double ratio) {
        int depth = 12;
        Network net = Network.classifier(784, 16, depth, 10, Activation.LINEAR);
        double[] rates = LearningRates.of(0.001, 0.1, depth, depth);
        float[] before = awayFromZero(net, 3.0, 13);
        double[] reference = referenceGradient(net, before);
        double gradNorm = norm(reference);
        assertTrue(rates[depth] * gradNorm > 1e4, "the test needs λ‖∇‖ ≫ |θ|: ‖∇‖ = " + gradNorm);
        double clipNorm = ratio * gradNorm;
        double[] expected = referenceStep(net, before, reference, rates, clipNorm);
        float[] params = step(net, before, rates, clipNorm, null);
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < params.length; i++) {
            double relative = Math.abs(params[i] - expected[i]) / Math.abs(expected[i]);
            if (!(relative <= worst)) {
                worst = relative;
                worstAt = i;
            }
        }
        assertTrue(worst <= 1e-6, "relative error " + worst + " at parameter " + worstAt + ": " + params[Math.max(0, worstAt)]
                + " against " + expected[Math.max(0, worstAt)]);
    }

    /**
     * A deep linear net at g = 3 whose gradient entries are so large (~1e20) that their squares
     * overflow float32: the gradient is finite, so its norm must be too, and the step is clipped to
     * the reference's, not reported as a non-finite gradient (a false DIVERGED).
     */
    @Test
    void aGradientWhoseSquaresOverflowFloatIsClippedLikeAnyOther() {
        int depth = 45;
        Network net = Network.classifier(784, 16, depth, 10, Activation.LINEAR);
        double[] rates = LearningRates.of(0.001, 0.1, depth, depth);
        float[] before = awayFromZero(net, 3.0, 17);
        double[] reference = referenceGradient(net, before);
        double gradNorm = norm(reference);
        assertTrue(gradNorm > 1e20 && gradNorm < 1e30, "the test needs squares beyond float's 3.4e38: ‖∇‖ = " + gradNorm);
        double clipNorm = 10;
        double[] expected = referenceStep(net, before, reference, rates, clipNorm);
        Sgd[] sgd = new Sgd[1];
        float[] params = step(net, before, rates, clipNorm, sgd);
        assertEquals(gradNorm, sgd[0].lastGradientNorm(), 1e-5 * gradNorm);
        for (int i = 0; i < params.length; i++) {
            // as in the test above: every parameter within 1e-6 of the reference, relatively
            assertEquals(expected[i], params[i], 1e-6 * Math.abs(expected[i]), "parameter " + i);
        }
    }
}
