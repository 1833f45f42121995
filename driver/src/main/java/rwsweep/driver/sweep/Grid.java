package rwsweep.driver.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import rwsweep.worker.Activation;
import rwsweep.worker.Architecture;
import rwsweep.worker.init.InitScheme;
import rwsweep.worker.theory.CriticalG;
import rwsweep.worker.theory.WalkInput;
import rwsweep.worker.spec.Task;
import rwsweep.worker.spec.TrialField;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.data.Dataset;

/**
 * Expands a sweep file over its training data into fully resolved trials: for each point of the
 * file, the product of its axes, each trial with its layer sizes (from width or p_lim), its gains
 * (a {@code critical} g resolved for the net itself, {@link CriticalG}, and recorded on the trial),
 * D_max, and the data's identity and size. The checks that need the data happen here too, before
 * anything runs.
 *
 * <p>A critical g is computed once per net shape (f, sizes, code layer) and sweep, here on the
 * driver, deterministically (fixed seed, common random numbers). A finite-depth tanh optimum costs
 * 0.1–2 s (CriticalG); linear, ReLU and steady-state values are formulas or cached per JVM.
 */
public final class Grid {
    private Grid() { }

    /**
     * The number of trials {@code sweep} expands to (before duplicates across combinations are
     * merged), counted from the axis sizes of its points without building any, as a double (exact
     * to 2^53): a grid of 10^9 or 10^30 is refused at once ({@link Limits#MAX_TRIALS}).
     */
    static double count(List<GridAxes> points, Task task) {
        double total = 0;
        for (GridAxes p : points) {
            double n = (double) p.depths.size() * p.sizes.size() * p.inits.size()
                    * (task == Task.AUTOENCODE ? p.codeSizes.size() : 1)
                    * (p.g == null ? 1 : p.g.size()) * (p.gIn == null ? 1 : p.gIn.size()) * (p.gOut == null ? 1 : p.gOut.size())
                    * p.lambdas.size();
            for (List<?> values : p.plain().values()) n *= values.size();
            total += n;
        }
        return total;
    }

    /**
     * The trials {@code sweep} plans, without its data: {@link #expand} refuses a grid in which two
     * points give the same trial, so for a sweep that expands this is its exact size (summarize's
     * "done of planned" reads it without loading the data or expanding the grid).
     */
    public static long count(SweepFile sweep) {
        return (long) count(sweep.points(), sweep.task());
    }

    /** Every trial of {@code sweep} on {@code data}, longest first (so the makespan stays near total/cores). */
    public static List<TrialSpec> expand(SweepFile sweep, Dataset data) {
        int nIn = data.dim();
        int nOut = sweep.task() == Task.CLASSIFY ? data.classes() : nIn;
        // Every net first, each checked against the trial memory limit and the simulated critical g
        // counted, so that a grid too large is refused before a second of simulation.
        List<Net> nets = new ArrayList<>();
        Set<String> simulated = new HashSet<>();
        for (GridAxes point : sweep.points()) {
            int largestBatch = 0;
            for (int batch : point.values(TrialField.BATCH)) {
                if (batch > data.size()) {
                    throw error(sweep, SweepKey.BATCH, "got " + batch + ", more than the " + data.size() + " training examples");
                }
                largestBatch = Math.max(largestBatch, batch);
            }
            List<Integer> codeSizes = sweep.task() == Task.AUTOENCODE ? point.codeSizes : List.of(0);
            for (Activation f : point.values(TrialField.ACTIVATION))
            for (int depth : point.depths)
            for (NetSize size : point.sizes)
            for (int codeSize : codeSizes)
            for (InitChoice init : point.inits) {
                boolean sharing = init.scheme() == InitScheme.PARAMETER_SHARING;
                int[] sizes = sweep.task() == Task.CLASSIFY
                        ? classifierSizes(sweep, size, depth, nIn, nOut, sharing)
                        : autoencoderSizes(sweep, size, depth, nIn, codeSize, sharing);
                Limits.requireNetFits(sweep, size, depth, sizes, largestBatch);
                int codeLayer = sweep.task() == Task.AUTOENCODE ? Architecture.autoencoderCodeLayer(depth) : 0;
                GainValues g = point.g != null ? point.g : init.defaultGains();
                boolean needsCritical = g.needsCritical()
                        || (point.gIn != null && point.gIn.needsCritical())
                        || (point.gOut != null && point.gOut.needsCritical());
                if (needsCritical && CriticalG.simulated(sweep.critical(), f, depth)) {
                    simulated.add(shapeKey(sweep, sweep.task(), f, sizes, codeLayer));
                }
                nets.add(new Net(point, f, depth, size, init, sizes, codeLayer, g, needsCritical));
            }
        }
        Limits.requireCriticalNets(sweep, simulated);

        Map<String, Double> criticalCache = new HashMap<>();
        WalkInput walkInput = WalkInput.sample(data); // the nets are driven by the data they train on
        Map<String, TrialSpec> byKey = new LinkedHashMap<>();
        Map<String, InitChoice> initOf = new HashMap<>();
        Map<GridAxes, List<Map<TrialField<?>, Object>>> restOf = new HashMap<>();
        for (Net net : nets) {
            GridAxes point = net.point();
            // every plain axis but f, which the shapes and critical g depend on: their product, first axis outermost
            List<Map<TrialField<?>, Object>> rest = restOf.computeIfAbsent(point, p -> product(p, TrialField.ACTIVATION));
            double critical = net.needsCritical()
                    ? criticalG(sweep, criticalCache, probe(sweep.task(), net.f(), net.sizes(), net.codeLayer()), walkInput) : Double.NaN;
            InitChoice init = net.init();
            for (double gv : net.g().resolve(critical))
            for (double gIn : point.gIn == null ? new double[] {gv} : point.gIn.resolve(critical))
            for (double gOut : point.gOut == null ? new double[] {gv} : point.gOut.resolve(critical))
            for (LambdaPair lambda : point.lambdas)
            for (Map<TrialField<?>, Object> values : rest) {
                // the specs of one net share its sizes array, which no spec ever writes
                TrialSpec.Builder b = TrialSpec.builder()
                        .task(sweep.task()).activation(net.f()).sizes(net.sizes()).codeLayer(net.codeLayer())
                        .parameterLimit(net.size().fromBudget() ? net.size().pLim() : 0)
                        .init(init.scheme()).fractionalS(init.s()).leakySlope(init.leakySlope())
                        .g(gv).gIn(gIn).gOut(gOut)
                        .lambda(lambda.lambdaIn(), lambda.lambdaOut()).dMax(sweep.dMax())
                        .data(data.id(), data.size())
                        .critical(net.needsCritical() ? sweep.critical() : null, critical);
                values.forEach((field, v) -> field.set(b, v));
                TrialSpec spec = build(sweep, b);
                InitChoice before = initOf.putIfAbsent(spec.key(), init);
                if (byKey.putIfAbsent(spec.key(), spec) != null) {
                    if (!before.equals(init)) {
                        throw error(sweep, SweepKey.INIT, "got " + before + " and " + init + ", which give the same trial at g="
                                + NumberText.plain(gv) + ": random_walk is gaussian at the critical g, so with g given, name one of them");
                    }
                    throw error(sweep, SweepKey.COMBINATIONS, "two entries give the same trial (f="
                            + TrialField.spelling(net.f()) + ", depth=" + net.depth() + ", " + net.size() + ", init=" + init
                            + ", g=" + NumberText.plain(gv) + ", seed=" + spec.seed() + ")");
                }
            }
        }
        return CostModel.longestFirst(new ArrayList<>(byKey.values()));
    }

    /** One net of the grid: its point, shape and gains, before its trials are made. */
    private record Net(GridAxes point, Activation f, int depth, NetSize size, InitChoice init, int[] sizes, int codeLayer,
                       GainValues g, boolean needsCritical) { }

    /** The product of a point's plain axes but {@code except}: one map of field values per combination, first axis outermost. */
    private static List<Map<TrialField<?>, Object>> product(GridAxes point, TrialField<?> except) {
        List<Map<TrialField<?>, Object>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (Map.Entry<TrialField<?>, List<?>> axis : point.plain().entrySet()) {
            if (axis.getKey() == except) continue;
            List<Map<TrialField<?>, Object>> next = new ArrayList<>();
            for (Map<TrialField<?>, Object> c : combos) {
                for (Object v : axis.getValue()) {
                    Map<TrialField<?>, Object> m = new LinkedHashMap<>(c);
                    m.put(axis.getKey(), v);
                    next.add(m);
                }
            }
            combos = next;
        }
        return combos;
    }

    /** Sizes of a classifier: constant width N, given or the smallest reaching p_lim. */
    static int[] classifierSizes(SweepFile sweep, NetSize size, int depth, int nIn, int nOut, boolean sharing) {
        int width;
        if (depth == 1) {
            width = 0; // no hidden layer: input straight to the output
        } else if (size.fromBudget()) {
            long minimum = Architecture.classifierParameters(nIn, 1, depth, nOut);
            if (size.pLim() < minimum) {
                throw error(sweep, SweepKey.P_LIM, "got " + size.pLim() + ", too small for depth " + depth
                        + ": even width 1 has " + minimum + " parameters");
            }
            width = Architecture.classifierWidth(size.pLim(), depth, nIn, nOut);
            // parameter sharing needs an even width: the smallest even width reaching p_lim
            if (sharing && width % 2 != 0) width++;
        } else {
            width = size.width();
        }
        return Architecture.classifierSizes(nIn, width, depth, nOut);
    }

    /** Sizes of an auto-encoder from p_lim: steps of constant size towards the code layer (Architecture). */
    private static int[] autoencoderSizes(SweepFile sweep, NetSize size, int depth, int nIn, int codeSize, boolean sharing) {
        int[] sizes;
        try {
            sizes = Architecture.autoencoderSizes(size.pLim(), depth, nIn, codeSize);
        } catch (IllegalArgumentException e) {
            throw error(sweep, SweepKey.P_LIM, "got " + size.pLim() + " for depth " + depth + " and code size " + codeSize
                    + ": " + e.getMessage());
        }
        for (int d = 1; d < depth; d++) {
            if (sharing && sizes[d] % 2 != 0) {
                throw error(sweep, SweepKey.P_LIM, "got " + size.pLim() + ", which gives layer sizes " + Arrays.toString(sizes)
                        + " at depth " + depth + ", but init parameter_sharing needs even hidden layers");
            }
        }
        return sizes;
    }

    /** What a critical g depends on: the sweep's sense of it and the net's task, f, sizes and code layer. */
    static String shapeKey(SweepFile sweep, Task task, Activation f, int[] sizes, int codeLayer) {
        return sweep.critical() + "/" + task + "/" + f + "/" + Arrays.toString(sizes) + "/" + codeLayer;
    }

    /** The net of a trial, for its critical g: only task, f, sizes and code layer are read. */
    private static TrialSpec probe(Task task, Activation f, int[] sizes, int codeLayer) {
        return TrialSpec.builder().task(task).activation(f).sizes(sizes).codeLayer(codeLayer)
                .g(1).lambda(1, 1).epochs(1).batchSize(1).build();
    }

    /** The critical g of a net in the sweep's sense, once per net shape. */
    static double criticalG(SweepFile sweep, Map<String, Double> cache, TrialSpec net, WalkInput input) {
        String key = shapeKey(sweep, net.task(), net.activation(), net.sizes(), net.codeLayer());
        Double g = cache.get(key);
        if (g == null) {
            try {
                g = CriticalG.of(sweep.critical(), net, input);
            } catch (IllegalArgumentException e) {
                throw error(sweep, SweepKey.G, "got critical, which has no value for " + TrialField.spelling(net.activation())
                        + " at width " + CriticalG.walkWidth(net.sizes()) + " (" + e.getMessage() + ")");
            }
            cache.put(key, g);
        }
        return g;
    }

    private static TrialSpec build(SweepFile sweep, TrialSpec.Builder b) {
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UserError(sweep.file() + ": " + e.getMessage());
        }
    }

    static UserError error(SweepFile sweep, SweepKey p, String problem) {
        return new UserError(sweep.file() + ": " + p.key() + ": " + problem + "; allowed: " + p.allowed());
    }
}
