package rwsweep.worker;

import rwsweep.worker.init.Init;
import rwsweep.worker.spec.Provenance;
import rwsweep.worker.spec.Task;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.spec.TrialStatus;
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
    /**
     * Bump when a change alters any trial's numbers: it is part of every trial key. 2: a clipped
     * step is one update from the old parameters, no longer an unclipped step and a correction
     * (every trial with a clip it reaches changes, in the last bits or, at far g, entirely).
     */
    public static final int NUMERICS_VERSION = 2;

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
        Sgd sgd = new Sgd(blas, net, params, Math.min(spec.batchSize(), n), LearningRates.initial(spec), spec.clipNorm());
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;

        double[] error = new double[spec.epochs() + 1];
        double[] loss = new double[spec.epochs() + 1];
        double[] deltaNorms = null;
        Loss.Totals totals = new Loss.Totals();

        sgd.evaluate(data, n, totals);
        error[0] = errorOf(net, totals);
        loss[0] = totals.loss / n;
        TrialStatus status = TrialStatus.OK;
        String message = "";
        int epoch = 0;
        int recorded = 0; // last epoch whose error and loss are in the curves
        while (epoch < spec.epochs() && status == TrialStatus.OK) {
            epoch++;
            shuffle(order, orderRandom);
            for (int first = 0; first < n; first += sgd.batch()) {
                int nb = Math.min(sgd.batch(), n - first);
                double batchLoss = sgd.step(data, order, first, nb);
                // Init diagnostics: the back-propagated error of the untrained net on a real batch.
                if (deltaNorms == null) deltaNorms = sgd.deltaNorms(nb);
                if (!Double.isFinite(batchLoss) || !Double.isFinite(sgd.lastGradientNorm())) {
                    status = TrialStatus.DIVERGED;
                    message = "non-finite " + (Double.isFinite(batchLoss) ? "gradient" : "loss")
                            + " in epoch " + epoch + " at example " + first;
                    break;
                }
            }
            if (status != TrialStatus.OK) break;
            sgd.decay(spec.epochDecay());
            sgd.evaluate(data, n, totals);
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

    /** Fraction misclassified, or mean squared error per output. */
    private static double errorOf(Network net, Loss.Totals totals) {
        return net.task() == Task.CLASSIFY ? totals.errors / totals.examples
                : totals.errors / ((double) totals.examples * net.outputs());
    }

    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

}
