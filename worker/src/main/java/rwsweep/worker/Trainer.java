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
 * backend and core type — also when a trial stopped after an epoch and resumed from its
 * {@link Checkpoint} ({@link TrainingState}: weights, rates, data order, curves so far).
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

    /** Trains on the given BLAS backend, from start to end. */
    public static TrialResult run(TrialSpec spec, Dataset data, BLAS blas) {
        return run(spec, data, blas, Checkpoint.NONE);
    }

    /**
     * Trains on the given BLAS backend, resuming from the state {@code checkpoint} holds for this
     * trial, if any, and saving the state after every epoch it says is {@link Checkpoint#due due}.
     * A resumed trial's curves and weights equal those of an uninterrupted run bit for bit, and its
     * wall time is the sum over its runs. A saved state that is not this trial's is
     * {@link Checkpoint#rejected rejected} and the trial starts from epoch 0.
     */
    public static TrialResult run(TrialSpec spec, Dataset data, BLAS blas, Checkpoint checkpoint) {
        return run(spec, data, blas, checkpoint, spec.epochs());
    }

    /**
     * As {@link #run(TrialSpec, Dataset, BLAS, Checkpoint)}, but stops after epoch {@code untilEpoch}
     * when that comes before the trial's last epoch, saves its state there (so a later run goes on
     * from it, with the numbers of an uninterrupted run) and returns a {@link TrialResult#paused()
     * paused} result: status OK, the curves up to that epoch. Pruning's rungs run trials this way.
     * A state saved after a later epoch resumes there and returns at once.
     */
    public static TrialResult run(TrialSpec spec, Dataset data, BLAS blas, Checkpoint checkpoint, int untilEpoch) {
        if (untilEpoch < 1) throw new IllegalArgumentException("untilEpoch must be >= 1, got " + untilEpoch);
        int until = Math.min(untilEpoch, spec.epochs());
        long start = System.nanoTime();
        Network net = spec.network();
        int n = checkFits(spec, net, data);
        Streams streams = new Streams(spec.seed());
        float[] params = null;  // the saved state's own array when resumed (a 1000 x 512 net's weights are 1 GB)
        int[] order = identity(n);
        double[] error = new double[spec.epochs() + 1];
        double[] loss = new double[spec.epochs() + 1];
        double[] deltaNorms = null;
        double[] rates = LearningRates.initial(spec);
        double secondsBefore = 0; // spent by earlier runs of this trial
        int epoch = 0;

        TrainingState saved = checkpoint.load().orElse(null);
        if (saved != null) {
            String problem = saved.mismatch(spec, net, n).orElse(null);
            if (problem == null) {
                for (int e = 0; e < saved.epoch(); e++) shuffle(order, streams.order);
                if (!Arrays.equals(order, saved.order())) {
                    problem = "its data order after " + saved.epoch() + " epochs is not this trial's";
                }
            }
            if (problem == null) {
                epoch = saved.epoch();
                params = saved.params();
                rates = saved.rates().clone();
                System.arraycopy(saved.error(), 0, error, 0, epoch + 1);
                System.arraycopy(saved.loss(), 0, loss, 0, epoch + 1);
                deltaNorms = saved.deltaNorms().clone();
                secondsBefore = saved.seconds();
            } else {
                checkpoint.rejected(saved, problem);
                streams = new Streams(spec.seed());
                order = identity(n);
            }
        }
        if (params == null) params = new float[net.parameterCount()];
        Sgd sgd = new Sgd(blas, net, params, Math.min(spec.batchSize(), n), rates, spec.clipNorm());
        Loss.Totals totals = new Loss.Totals();
        if (epoch == 0) {
            Init.initialize(spec, net, params, streams.init);
            sgd.evaluate(data, n, totals);
            error[0] = errorOf(net, totals);
            loss[0] = totals.loss / n;
        }
        TrialStatus status = TrialStatus.OK;
        String message = "";
        int recorded = epoch; // last epoch whose error and loss are in the curves
        long lastSave = System.nanoTime();
        while (epoch < until && status == TrialStatus.OK) {
            epoch++;
            shuffle(order, streams.order);
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
            } else if ((epoch == until && until < spec.epochs())
                    || checkpoint.due(epoch, spec.epochs(), (System.nanoTime() - lastSave) * 1e-9)) {
                double seconds = secondsBefore + (System.nanoTime() - start) * 1e-9;
                // the weights themselves, not a copy (a 1000 x 512 net's are 1 GB): save writes them before it returns
                checkpoint.save(new TrainingState(spec.key(), NUMERICS_VERSION, epoch, seconds, params, sgd.rates(),
                        order.clone(), Arrays.copyOf(error, epoch + 1), Arrays.copyOf(loss, epoch + 1), deltaNorms.clone()));
                lastSave = System.nanoTime();
            }
        }
        double logRatio = Math.log(deltaNorms[0] / deltaNorms[net.depth() - 1]);
        double seconds = secondsBefore + (System.nanoTime() - start) / 1e9;
        return new TrialResult(spec, status, message, epoch,
                Arrays.copyOf(error, recorded + 1), Arrays.copyOf(loss, recorded + 1),
                deltaNorms, logRatio, seconds, Provenance.here(blas.getClass().getSimpleName()));
    }

    /**
     * The trial's random streams, split from one root seeded by the spec: the first initialises
     * the weights, the second orders the examples.
     */
    private static final class Streams {
        final SplittableRandom init;
        final SplittableRandom order;

        Streams(long seed) {
            SplittableRandom root = new SplittableRandom(seed);
            init = root.split();
            order = root.split();
        }
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        return order;
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
