package rwsweep.driver.summary;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import rwsweep.worker.Activation;
import rwsweep.worker.init.InitScheme;
import rwsweep.worker.spec.Provenance;
import rwsweep.worker.spec.Task;
import rwsweep.worker.Trainer;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.spec.TrialStatus;
import rwsweep.worker.data.Dataset;
import rwsweep.worker.data.MnistSample;
import rwsweep.worker.data.Standardizer;

/**
 * Results for the summary tests. {@link #trained()}: a small real sweep, each trial run by the real
 * {@link Trainer} on 200 real MNIST digits, standardised (width 16, depths 2–4, 3 epochs: a few
 * milliseconds a trial), computed once per JVM. {@link #result}: hand-made results whose numbers
 * a reader can check by hand.
 */
final class SweepFixtures {
    static final int DIGITS = 200;
    static final int WIDTH = 16;

    private static List<TrialResult> trained;

    private SweepFixtures() { }

    static Dataset digits() {
        Dataset raw = MnistSample.load().head(DIGITS);
        return Standardizer.fit(raw).apply(raw);
    }

    /**
     * The real sweep: tanh with Gaussian init over g ∈ {0.5, 1.1, 2}, D ∈ {2, 3, 4}, two (λin, λout)
     * pairs, three seeds; ReLU over g ∈ {1.2, 1.6} at D ∈ {2, 4} with a sane pair and a pair of
     * rates so large the trials diverge; tanh with He init for the trainability map; and two
     * trials that FAILED for real (a spec made for other data makes the trainer throw).
     */
    static synchronized List<TrialResult> trained() {
        if (trained != null) return trained;
        Dataset data = digits();
        List<TrialResult> out = new ArrayList<>();
        for (double g : new double[] {0.5, 1.1, 2.0}) {
            for (int depth = 2; depth <= 4; depth++) {
                for (double[] pair : new double[][] {{0.01, 0.1}, {0.1, 0.1}}) {
                    for (long seed = 1; seed <= 3; seed++) {
                        out.add(Trainer.run(spec(data, Activation.TANH, InitScheme.GAUSSIAN, g, depth, pair, seed), data));
                    }
                }
            }
        }
        for (double g : new double[] {1.2, 1.6}) {
            for (int depth : new int[] {2, 4}) {
                for (double[] pair : new double[][] {{0.05, 0.05}, {200, 200}}) {
                    for (long seed = 1; seed <= 2; seed++) {
                        out.add(Trainer.run(spec(data, Activation.RELU, InitScheme.GAUSSIAN, g, depth, pair, seed), data));
                    }
                }
            }
        }
        for (int depth = 2; depth <= 4; depth++) {
            for (long seed = 1; seed <= 2; seed++) {
                out.add(Trainer.run(spec(data, Activation.TANH, InitScheme.HE, 1.0, depth, new double[] {0.01, 0.1}, seed), data));
            }
        }
        Dataset other = data.head(100);
        for (long seed = 4; seed <= 5; seed++) {
            TrialSpec s = spec(data, Activation.TANH, InitScheme.GAUSSIAN, 1.1, 3, new double[] {0.1, 0.1}, seed);
            try {
                out.add(Trainer.run(s, other));
                throw new AssertionError("a spec for other data must make the trainer throw");
            } catch (IllegalArgumentException e) {
                out.add(TrialResult.failed(s, e, 0.0, Provenance.here()));
            }
        }
        trained = Collections.unmodifiableList(out);
        return trained;
    }

    static TrialSpec spec(Dataset data, Activation f, InitScheme init, double g, int depth, double[] pair, long seed) {
        int[] sizes = new int[depth + 1];
        java.util.Arrays.fill(sizes, WIDTH);
        sizes[0] = data.dim();
        sizes[depth] = data.classes();
        return TrialSpec.builder().activation(f).init(init).sizes(sizes).g(g).lambda(pair[0], pair[1]).dMax(4)
                .epochs(3).batchSize(20).seed(seed).data(data.id(), data.size()).build();
    }

    /** A hand-made spec: classifier, 8 inputs, hidden width {@code width}, 2 classes, 100 examples. */
    static TrialSpec handSpec(Activation f, double g, int depth, int width, double lambdaIn, double lambdaOut, long seed) {
        int[] sizes = new int[depth + 1];
        java.util.Arrays.fill(sizes, width);
        sizes[0] = 8;
        sizes[depth] = 2;
        return TrialSpec.builder().task(Task.CLASSIFY).activation(f).init(InitScheme.GAUSSIAN).sizes(sizes).g(g)
                .lambda(lambdaIn, lambdaOut).dMax(Math.max(depth, 64)).epochs(2).batchSize(10).seed(seed)
                .data("hand", 100).build();
    }

    /** A hand-made result whose training-error curve is {@code curve} (its minimum is the trial's error). */
    static TrialResult result(TrialSpec spec, TrialStatus status, double... curve) {
        double[] deltas = new double[spec.depth()];
        java.util.Arrays.fill(deltas, 1.0);
        return new TrialResult(spec, status, status == TrialStatus.OK ? "" : "made by hand", curve.length - 1, curve,
                curve.clone(), deltas, 0.0, 0.01, PROVENANCE);
    }

    /** A FAILED hand-made result: no curve. */
    static TrialResult failed(TrialSpec spec) {
        return TrialResult.failed(spec, new IllegalStateException("made by hand"), 0.01, PROVENANCE);
    }

    static final Provenance PROVENANCE = new Provenance("HandBLAS", "auto", "exact", "host", "jvm", "os", "dev+numerics1");
}
