package rwsweep.driver.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import rwsweep.driver.sweep.SweepFile.WalkOptions;
import rwsweep.worker.Activation;
import rwsweep.worker.data.Dataset;
import rwsweep.worker.init.InitScheme;
import rwsweep.worker.spec.Task;
import rwsweep.worker.spec.TrialField;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.theory.CriticalG;
import rwsweep.worker.theory.WalkInput;
import rwsweep.worker.theory.WalkSpec;

/**
 * Expands a random-walk sweep file (kind: randomwalk) into its points (paper §2, Figures 1 and
 * 2): for each point of the file, nonlinearity × depth × width × init × (g, or the optimal-g
 * search) × seed. A Gaussian-input net has every layer, input and output included, of width N (the
 * paper's set-up); a data-driven net has the data's input size and classes at its ends, as the
 * classifier a training sweep of the same width (or p_lim) and depth would train. A {@code critical}
 * g is the net's own optimum in the sweep's sense ({@link Grid#criticalG}), computed once per shape.
 */
public final class WalkGrid {
    /** Net × layer × unit steps one core simulates per second on the O(N) path (measured: 30–60 million). */
    public static final double DEFAULT_STEPS_PER_SECOND = 3e7;
    /** Simulations an optimal-g point runs, about (the root search's evaluations plus the walk at the optimum). */
    static final int SEARCH_SIMULATIONS = 7;

    private WalkGrid() { }

    /** Every point of {@code sweep}; {@code data} drives the nets when the sweep's input is data (else it may be empty). */
    public static List<WalkSpec> expand(SweepFile sweep, Optional<Dataset> data) {
        WalkOptions options = sweep.walk().orElseThrow(() -> new IllegalArgumentException(sweep.file() + " is not a randomwalk sweep"));
        Dataset input = options.dataInput() ? data.orElseThrow(() -> new IllegalArgumentException("input: data needs the data")) : null;
        WalkInput walkInput = input == null ? WalkInput.gaussian() : WalkInput.sample(input);
        requireCriticalNets(sweep, input);
        Map<String, Double> criticalCache = new HashMap<>();
        Map<String, WalkSpec> byKey = new LinkedHashMap<>();
        for (GridAxes point : sweep.points()) {
            boolean find = point.find != null && point.find;
            for (Activation f : point.values(TrialField.ACTIVATION))
            for (int depth : point.depths)
            for (NetSize size : point.sizes)
            for (InitChoice init : point.inits) {
                int[] sizes = sizes(sweep, size, depth, input, init.scheme() == InitScheme.PARAMETER_SHARING);
                double[] gains = {Double.NaN};
                boolean critical = false;
                if (!find) {
                    critical = point.g.needsCritical();
                    double value = critical ? Grid.criticalG(sweep, criticalCache, probe(f, sizes), walkInput) : Double.NaN;
                    gains = point.g.resolve(value);
                }
                for (double g : gains)
                for (long seed : point.values(TrialField.SEED)) {
                    WalkSpec.Builder b = WalkSpec.builder().activation(f).sizes(sizes).init(init.scheme(), init.s(), init.leakySlope())
                            .source(options.source()).nets(options.nets()).keep(options.sampleWalks()).seed(seed);
                    if (input != null) b.data(input.id(), input.size());
                    if (find) b.findOptimalG(); else b.walkAt(g, critical ? sweep.critical() : null);
                    WalkSpec spec = build(sweep, b);
                    if (byKey.putIfAbsent(spec.key(), spec) != null) {
                        throw Grid.error(sweep, SweepKey.COMBINATIONS, "two entries give the same walk point (f="
                                + TrialField.spelling(f) + ", depth=" + depth + ", " + size + ", init=" + init
                                + (find ? ", find optimal-g" : ", g=" + NumberText.plain(g)) + ", seed=" + seed + ")");
                    }
                }
            }
        }
        List<WalkSpec> points = new ArrayList<>(byKey.values());
        points.sort(Comparator.comparingDouble(WalkGrid::cost).reversed());
        return points;
    }

    /** The nets whose critical g is simulated, counted before the first is ({@link Limits#MAX_CRITICAL_NETS}). */
    private static void requireCriticalNets(SweepFile sweep, Dataset input) {
        java.util.Set<String> simulated = new java.util.HashSet<>();
        for (GridAxes point : sweep.points()) {
            if ((point.find != null && point.find) || !point.g.needsCritical()) continue;
            for (Activation f : point.values(TrialField.ACTIVATION))
            for (int depth : point.depths)
            for (NetSize size : point.sizes)
            for (InitChoice init : point.inits) {
                if (!CriticalG.simulated(sweep.critical(), f, depth)) continue;
                int[] sizes = sizes(sweep, size, depth, input, init.scheme() == InitScheme.PARAMETER_SHARING);
                simulated.add(Grid.shapeKey(sweep, Task.CLASSIFY, f, sizes, 0));
            }
        }
        Limits.requireCriticalNets(sweep, simulated);
    }

    /**
     * A point's cost in net × layer × unit steps of the O(N) walk: nets × Σ_d size(d), times the
     * simulations of the search for an optimal-g point. Explicit-matrix schemes (orthogonal,
     * parameter sharing) pay Σ_d size(d)·size(d−1) instead.
     */
    public static double cost(WalkSpec spec) {
        int[] s = spec.sizes();
        boolean explicit = spec.init() == InitScheme.ORTHOGONAL || spec.init() == InitScheme.PARAMETER_SHARING;
        double perNet = 0;
        for (int d = 1; d < s.length; d++) perNet += explicit ? (double) s[d] * s[d - 1] : s[d] + s[d - 1];
        return spec.nets() * perNet * (spec.kind() == WalkSpec.Kind.OPTIMAL_G ? SEARCH_SIMULATIONS : 1);
    }

    private static int[] sizes(SweepFile sweep, NetSize size, int depth, Dataset input, boolean sharing) {
        if (input != null) return Grid.classifierSizes(sweep, size, depth, input.dim(), input.classes(), sharing);
        int[] sizes = new int[depth + 1];
        Arrays.fill(sizes, size.width());
        return sizes;
    }

    private static TrialSpec probe(Activation f, int[] sizes) {
        return TrialSpec.builder().task(Task.CLASSIFY).activation(f).sizes(sizes).g(1).lambda(1, 1).epochs(1).batchSize(1).build();
    }

    private static WalkSpec build(SweepFile sweep, WalkSpec.Builder b) {
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UserError(sweep.file() + ": " + e.getMessage());
        }
    }
}
