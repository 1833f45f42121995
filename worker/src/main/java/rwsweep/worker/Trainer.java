package rwsweep.worker;

import dev.ludovic.netlib.blas.BLAS;
import java.util.Arrays;
import java.util.SplittableRandom;
import rwsweep.worker.data.Dataset;

/**
 * Trains one network for one trial spec (paper.md, "Training protocol"): plain minibatch SGD with
 * the per-layer rates of {@link LearningRates}, multiplied by {@code epochDecay} after every epoch,
 * the gradient clipped to {@code clipNorm} by its global norm, examples shuffled every epoch from
 * the trial seed. After every epoch the whole training set is evaluated (error and mean loss).
 *
 * <p>Randomness is split from one root seeded by the spec: one stream initialises the weights,
 * one orders the examples; so the same spec and data give bit-identical curves on the same BLAS
 * backend and core type.
 *
 * <p>A NaN or infinite loss or gradient ends the trial with {@link TrialStatus#DIVERGED}: a
 * result, not an exception. A spec that does not fit the data throws IllegalArgumentException.
 */
public final class Trainer {
    /** Bump when a change alters any trial's numbers: it is part of every trial key. */
    public static final int NUMERICS_VERSION = 1;

    private Trainer() { }

    /** Trains on the BLAS backend {@link Blas#resolve()} picks. */
    public static TrialResult run(TrialSpec spec, Dataset data) {
        return run(spec, data, Blas.resolve());
    }

    /** Trains on the given BLAS backend. */
    public static TrialResult run(TrialSpec spec, Dataset data, BLAS blas) {
        long start = System.nanoTime();
        Network net = spec.network();
        int n = checkFits(spec, net, data);
        SplittableRandom root = new SplittableRandom(spec.seed());
        SplittableRandom initRandom = root.split();
        SplittableRandom orderRandom = root.split();

        float[] params = new float[net.parameterCount()];
        Init.initialize(spec, net, params, initRandom);
        Workspace ws = new Workspace(net, Math.min(spec.batchSize(), n));
        double[] rates = LearningRates.initial(spec);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;

        double[] error = new double[spec.epochs() + 1];
        double[] loss = new double[spec.epochs() + 1];
        double[] deltaNorms = new double[net.depth()];
        Loss.Totals totals = new Loss.Totals();

        evaluate(blas, net, params, ws, data, n, totals);
        error[0] = errorOf(net, totals);
        loss[0] = totals.loss / n;
        TrialStatus status = TrialStatus.OK;
        String message = "";
        int epoch = 0;
        int recorded = 0; // last epoch whose error and loss are in the curves
        while (epoch < spec.epochs() && status == TrialStatus.OK) {
            epoch++;
            shuffle(order, orderRandom);
            for (int first = 0; first < n && status == TrialStatus.OK; first += ws.batch) {
                int nb = Math.min(ws.batch, n - first);
                gather(data, order, first, nb, ws);
                Forward.run(blas, net, params, ws, ws.activations, 0, nb);
                totals.clear();
                Loss.evaluate(net, ws, nb, ws.labels, 0, ws.activations, 0, true, totals);
                Backward.run(blas, net, params, ws, ws.activations, 0, nb);
                if (epoch == 1 && first == 0) recordDeltaNorms(ws, nb, deltaNorms);
                double norm = globalNorm(ws.gradient);
                if (!Double.isFinite(norm) || !Double.isFinite(totals.loss)) {
                    status = TrialStatus.DIVERGED;
                    message = "non-finite " + (Double.isFinite(totals.loss) ? "gradient" : "loss")
                            + " in epoch " + epoch + " at example " + first;
                    break;
                }
                // Clip by global norm: the step keeps its direction, its length is at most clipNorm.
                double clip = norm > spec.clipNorm() ? spec.clipNorm() / norm : 1.0;
                update(net, params, ws.gradient, rates, clip);
            }
            if (status != TrialStatus.OK) break;
            for (int d = 1; d <= net.depth(); d++) rates[d] *= spec.epochDecay();
            evaluate(blas, net, params, ws, data, n, totals);
            error[epoch] = errorOf(net, totals);
            loss[epoch] = totals.loss / n;
            recorded = epoch;
            if (!Double.isFinite(loss[epoch])) {
                status = TrialStatus.DIVERGED;
                message = "non-finite loss after epoch " + epoch;
            }
        }
        double logRatio = Math.log(deltaNorms[0] / deltaNorms[net.depth() - 1]);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new TrialResult(spec, status, message, epoch,
                Arrays.copyOf(error, recorded + 1), Arrays.copyOf(loss, recorded + 1),
                deltaNorms, logRatio, seconds, Provenance.here(blas.getClass().getSimpleName()));
    }

    /** Checks the spec against the data; returns the number of training examples. */
    private static int checkFits(TrialSpec spec, Network net, Dataset data) {
        if (!spec.dataId().isEmpty() && !spec.dataId().equals(data.id())) {
            throw new IllegalArgumentException("spec was made for data " + spec.dataId() + ", got " + data);
        }
        if (net.inputs() != data.dim()) {
            throw new IllegalArgumentException("net input size " + net.inputs() + " differs from data dimension " + data.dim());
        }
        int expectedOut = net.task() == Task.CLASSIFY ? data.classes() : data.dim();
        if (net.outputs() != expectedOut) {
            throw new IllegalArgumentException("net output size " + net.outputs() + " differs from the " + expectedOut
                    + (net.task() == Task.CLASSIFY ? " classes" : " inputs to reconstruct") + " of " + data.name());
        }
        int n = spec.trainSize();
        if (n < 1 || n > data.size()) {
            throw new IllegalArgumentException("training size " + n + " must lie in 1.." + data.size() + " for " + data.name());
        }
        return n;
    }

    /** Forward passes over the first n examples in order, straight from the data (no copy). */
    private static void evaluate(BLAS blas, Network net, float[] params, Workspace ws, Dataset data, int n, Loss.Totals totals) {
        totals.clear();
        int dim = data.dim();
        for (int first = 0; first < n; first += ws.batch) {
            int nb = Math.min(ws.batch, n - first);
            Forward.run(blas, net, params, ws, data.x(), first * dim, nb);
            Loss.evaluate(net, ws, nb, data.labels(), first, data.x(), first * dim, false, totals);
        }
    }

    /** Fraction misclassified, or mean squared error per output. */
    private static double errorOf(Network net, Loss.Totals totals) {
        return net.task() == Task.CLASSIFY ? totals.errors / totals.examples
                : totals.errors / ((double) totals.examples * net.outputs());
    }

    /** Copies examples order[first .. first+nb) into the workspace's input block and labels. */
    private static void gather(Dataset data, int[] order, int first, int nb, Workspace ws) {
        int dim = data.dim();
        float[] x = data.x();
        for (int j = 0; j < nb; j++) {
            int example = order[first + j];
            System.arraycopy(x, example * dim, ws.activations, j * dim, dim);
            ws.labels[j] = data.labels()[example];
        }
    }

    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    private static void recordDeltaNorms(Workspace ws, int nb, double[] norms) {
        for (int d = 1; d <= norms.length; d++) norms[d - 1] = ws.deltaNorm(d, nb);
    }

    private static double globalNorm(float[] gradient) {
        double sum = 0;
        for (float v : gradient) sum += (double) v * v;
        return Math.sqrt(sum);
    }

    /** θ := θ − λ_d · clip · ∂L/∂θ over each layer's weights and biases (contiguous per layer). */
    private static void update(Network net, float[] params, float[] gradient, double[] rates, double clip) {
        for (int d = 1; d <= net.depth(); d++) {
            float step = (float) (rates[d] * clip);
            for (int i = net.weightOffset(d), end = net.biasOffset(d) + net.size(d); i < end; i++) {
                params[i] -= step * gradient[i];
            }
        }
    }
}
