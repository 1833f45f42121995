package rwsweep.driver.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import rwsweep.worker.Network;
import rwsweep.worker.spec.TrialSpec;

/**
 * The cost of a trial, for ordering (longest first keeps the makespan near
 * max(total/cores, longest)) and for ETAs: its matrix-product FLOPs by the network's own model
 * ({@link rwsweep.worker.Network#stepFlopsPerExample}, which the training benchmark measures
 * against) — every example once per epoch through a training step, and the whole training set
 * once through a forward pass before training and after every epoch (the Trainer's curve).
 */
public final class CostModel {
    /** Matrix-product GFLOP/s of one core for ETAs before any trial has finished (measured: OpenBLAS AVX2, minibatch 100). */
    public static final double DEFAULT_GFLOPS_PER_CORE = 20.0;

    private CostModel() { }

    /** FLOPs of the whole trial. */
    public static double flops(TrialSpec spec) {
        Network net = spec.network();
        return (double) spec.trainSize()
                * ((double) spec.epochs() * net.stepFlopsPerExample() + (spec.epochs() + 1.0) * net.forwardFlopsPerExample());
    }

    /** Estimated seconds of one trial on one core running at {@code gflopsPerCore}. */
    public static double seconds(TrialSpec spec, double gflopsPerCore) {
        return flops(spec) / (gflopsPerCore * 1e9);
    }

    /** A copy of {@code specs}, longest first; ties keep their order (the sort is stable). */
    public static List<TrialSpec> longestFirst(List<TrialSpec> specs) {
        // each cost once, not once per comparison: a cost builds the trial's network
        double[] cost = new double[specs.size()];
        Integer[] order = new Integer[specs.size()];
        for (int i = 0; i < cost.length; i++) {
            cost[i] = flops(specs.get(i));
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> cost[i]).reversed());
        List<TrialSpec> sorted = new ArrayList<>(cost.length);
        for (int i : order) sorted.add(specs.get(i));
        return List.copyOf(sorted);
    }
}
