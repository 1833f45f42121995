package rwsweep.worker;

import rwsweep.worker.spec.Task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ludovic.netlib.blas.BLAS;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gradients, twice over: the double-precision reference against central finite differences for
 * every parameter, and the fast float32 BLAS path against the reference on every BLAS backend —
 * for each nonlinearity, both losses, depths 1 to 6.
 */
class GradientTest {
    private static final int BATCH = 4;

    static Stream<Arguments> nets() {
        List<Arguments> cases = new ArrayList<>();
        for (Task task : Task.values()) {
            for (Activation f : Activation.values()) {
                for (int depth : new int[] {1, 2, 3, 6}) {
                    Network net = task == Task.CLASSIFY ? Network.classifier(5, 4, depth, 3, f) : autoencoder(depth, f);
                    cases.add(Arguments.of(Named.of(net.toString() + " D=" + depth, net)));
                }
            }
        }
        return cases.stream();
    }

    /** Input and output 5, hidden sizes alternating 4 and 3, the code layer in the middle. */
    private static Network autoencoder(int depth, Activation f) {
        int[] sizes = new int[depth + 1];
        sizes[0] = 5;
        sizes[depth] = 5;
        for (int d = 1; d < depth; d++) sizes[d] = d % 2 == 1 ? 4 : 3;
        return Network.autoencoder(sizes, Math.max(1, depth / 2), f);
    }

    /** A batch, parameters and labels, resampled until every hidden pre-activation is 1e-3 away from ReLU's kink. */
    private record Problem(double[] params, double[][] xs, int[] labels) { }

    private static Problem problem(Network net, long seed) {
        ReferenceNet ref = new ReferenceNet(net);
        SplittableRandom random = new SplittableRandom(seed);
        while (true) {
            double[] params = new double[net.parameterCount()];
            for (int d = 1; d <= net.depth(); d++) {
                double sd = 1.2 / Math.sqrt(net.size(d - 1));
                for (int i = net.weightOffset(d); i < net.biasOffset(d); i++) params[i] = sd * random.nextGaussian();
                for (int i = 0; i < net.size(d); i++) params[net.biasOffset(d) + i] = 0.1 * random.nextGaussian();
            }
            double[][] xs = new double[BATCH][net.inputs()];
            int[] labels = new int[BATCH];
            for (int e = 0; e < BATCH; e++) {
                for (int i = 0; i < net.inputs(); i++) xs[e][i] = random.nextGaussian();
                labels[e] = random.nextInt(net.outputs());
            }
            // Round to float so that both paths see exactly the same numbers.
            for (int i = 0; i < params.length; i++) params[i] = (float) params[i];
            for (double[] x : xs) for (int i = 0; i < x.length; i++) x[i] = (float) x[i];
            if (ref.minAbsHiddenPreactivation(params, xs) > 1e-3) return new Problem(params, xs, labels);
        }
    }

    @ParameterizedTest
    @MethodSource("nets")
    void referenceGradientMatchesCentralDifferences(Network net) {
        Problem p = problem(net, 11);
        ReferenceNet ref = new ReferenceNet(net);
        double[] grad = ref.gradient(p.params, p.xs, p.labels);
        // Central differences: truncation error ~h²·|L'''| ≈ 1e-10, rounding ~ε·|L|/h ≈ 1e-11, so
        // 1e-7 absolute plus 1e-6 relative leaves two orders of margin and still catches any
        // wrong term (those are O(|g|)).
        double h = 1e-5;
        double[] theta = p.params.clone();
        for (int i = 0; i < theta.length; i++) {
            double keep = theta[i];
            theta[i] = keep + h;
            double up = ref.loss(theta, p.xs, p.labels);
            theta[i] = keep - h;
            double down = ref.loss(theta, p.xs, p.labels);
            theta[i] = keep;
            double numeric = (up - down) / (2 * h);
            assertEquals(numeric, grad[i], 1e-7 + 1e-6 * Math.abs(numeric), "parameter " + i + " of " + net);
        }
    }

    static Stream<Arguments> netsOnEveryBackend() {
        List<Arguments> cases = new ArrayList<>();
        for (BLAS blas : Blas.available()) {
            nets().forEach(a -> cases.add(Arguments.of(Named.of(blas.getClass().getSimpleName(), blas), a.get()[0])));
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("netsOnEveryBackend")
    void fastFloatPathMatchesReference(BLAS blas, Network net) {
        Problem p = problem(net, 23);
        double[] expected = new ReferenceNet(net).gradient(p.params, p.xs, p.labels);
        double expectedLoss = new ReferenceNet(net).loss(p.params, p.xs, p.labels);

        float[] params = new float[p.params.length];
        for (int i = 0; i < params.length; i++) params[i] = (float) p.params[i];
        float[] x = new float[BATCH * net.inputs()];
        for (int e = 0; e < BATCH; e++) for (int i = 0; i < net.inputs(); i++) x[e * net.inputs() + i] = (float) p.xs[e][i];

        // A workspace for a larger batch, used for a short one: the last-batch path of training.
        for (int capacity : new int[] {BATCH, 2 * BATCH + 1}) {
            Workspace ws = new Workspace(net, capacity);
            Forward.run(blas, net, params, ws, x, 0, BATCH);
            Loss.Totals totals = new Loss.Totals();
            Loss.evaluate(net, ws, BATCH, p.labels, 0, x, 0, true, totals);
            Backward.run(blas, net, params, ws, x, 0, BATCH);
            // float32 through ≤ 6 layers of ≤ 5-term sums: relative error ~1e-6; 2e-5 is the bound.
            assertEquals(expectedLoss, totals.loss / BATCH, 2e-5 * Math.max(1, Math.abs(expectedLoss)), "loss");
            double scale = 0;
            for (double g : expected) scale = Math.max(scale, Math.abs(g));
            float[] got = ws.gradient();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], got[i], 2e-5 * scale + 1e-7, "parameter " + i + " of " + net + ", capacity " + capacity);
            }
        }
        assertTrue(Double.isFinite(expectedLoss));
    }
}
