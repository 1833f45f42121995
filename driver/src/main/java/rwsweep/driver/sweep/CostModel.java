package rwsweep.driver.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import rwsweep.worker.spec.TrialSpec;

/**
 * The cost of a trial, for ordering (longest first keeps the makespan near
 * max(total/cores, longest)) and for ETAs: epochs × examples × FLOPs per example, where one
 * training step costs three matrix products per layer (forward, weight gradient, input gradient)
 * and the end-of-epoch evaluation one more: 4 · 2 · Σ_d n_d·n_{d-1} FLOPs per example and epoch.
 */
public final class CostModel {
    /** Matrix-product GFLOP/s of one core for ETAs before any trial has finished (measured: OpenBLAS AVX2, minibatch 100). */
    public static final double DEFAULT_GFLOPS_PER_CORE = 20.0;

    private CostModel() { }

    /** FLOPs of the whole trial. */
    public static double flops(TrialSpec spec) {
        return 8.0 * spec.network().multiplyAddsPerExample() * spec.trainSize() * spec.epochs();
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
