package rwsweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rwsweep.worker.data.Dataset;

/** One SGD step against the gradient computed on its own: θ' = θ − λ_d·min(1, c/‖∇‖)·∇. */
class SgdTest {
    private static final Dataset DATA = TrainerTest.digits(100);

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

    /** ∇ of the mean loss on the first nb examples, and its global norm. */
    private static float[] gradient(Network net, float[] params, int nb) {
        Workspace ws = new Workspace(net, nb);
        Forward.run(Blas.resolve(), net, params, ws, DATA.x(), 0, nb);
        Loss.evaluate(net, ws, nb, DATA.labels(), 0, DATA.x(), 0, true, new Loss.Totals());
        Backward.run(Blas.resolve(), net, params, ws, DATA.x(), 0, nb);
        return ws.gradient().clone();
    }

    private static double norm(float[] g) {
        double s = 0;
        for (float v : g) s += (double) v * v;
        return Math.sqrt(s);
    }

    private static void checkStep(double clipNorm) {
        Network net = Network.classifier(784, 24, 3, 10, Activation.TANH);
        double[] rates = {0, 0.01, 0.05, 0.2}; // a different λ per layer, so a mix-up shows
        float[] before = initialParams(net);
        float[] grad = gradient(net, before, 20);
        double gradNorm = norm(grad);
        float[] params = before.clone();
        int[] order = new int[DATA.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Sgd sgd = new Sgd(Blas.resolve(), net, params, 20, rates, clipNorm);
        sgd.step(DATA, order, 0, 20);
        // squares summed in float lanes of ≤ 512 terms (StepKernel): relative error well under 1e-5
        assertEquals(gradNorm, sgd.lastGradientNorm(), 1e-5 * gradNorm);
        double scale = Math.min(1, clipNorm / gradNorm);
        for (int d = 1; d <= net.depth(); d++) {
            for (int i = net.weightOffset(d); i < net.biasOffset(d) + net.size(d); i++) {
                double expected = before[i] - rates[d] * scale * grad[i];
                // float rounding of θ and of the (at most two) updates: a few ulps of θ
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
        double gradNorm = norm(gradient(net, initialParams(net), 20));
        assertTrue(gradNorm > 0.2, "the test needs a gradient above the clip: " + gradNorm);
        checkStep(0.1 * gradNorm);
    }
}
