package rwsweep.driver.sweep;

import java.util.Arrays;
import java.util.List;
import rwsweep.worker.Activation;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.data.Dataset;
import rwsweep.worker.data.MnistSample;
import rwsweep.worker.data.Standardizer;

/**
 * The tests' sweep material: the first 200 digits of the bundled MNIST sample, standardised, and
 * small classifiers on them (width 16, 2 epochs: milliseconds per trial), so a test runs a real
 * sweep end to end in a few seconds.
 */
public final class Digits {
    static final int N = 200;
    private static Dataset data;

    private Digits() { }

    /** 200 real digits, 20 of each class, standardised per pixel. */
    public static synchronized Dataset data() {
        if (data == null) {
            Dataset head = MnistSample.load().head(N);
            data = Standardizer.fit(head).apply(head);
        }
        return data;
    }

    /** A depth-{@code depth} ReLU classifier of width 16 on {@link #data()}, gain g, 2 epochs. */
    public static TrialSpec spec(int depth, double g) {
        int[] sizes = new int[depth + 1];
        Arrays.fill(sizes, 16);
        sizes[0] = 784;
        sizes[depth] = 10;
        return TrialSpec.builder().activation(Activation.RELU).sizes(sizes).g(g).lambda(0.02, 0.02)
                .epochs(2).batchSize(20).seed(7).data(data().id(), N).build();
    }

    /** A plan over {@code specs}, longest first as the grid orders it. */
    public static SweepPlan plan(String name, List<TrialSpec> specs) {
        return new SweepPlan(name, "name: " + name + "\n# test sweep\n", CostModel.longestFirst(specs), data());
    }
}
