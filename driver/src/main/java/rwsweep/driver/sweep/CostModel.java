package rwsweep.driver.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.ludovic.netlib.blas.BLAS;
import rwsweep.worker.Blas;
import rwsweep.worker.Network;
import rwsweep.worker.StepProbe;
import rwsweep.worker.data.Dataset;
import rwsweep.worker.spec.Provenance;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.spec.TrialStatus;

/**
 * The cost of a trial, for ordering (longest first keeps the makespan near
 * max(total/cores, longest)) and for ETAs: its matrix-product FLOPs by the network's own model
 * ({@link rwsweep.worker.Network#stepFlopsPerExample}, which the training benchmark measures
 * against) — every example once per epoch through a training step, and the whole training set
 * once through a forward pass before training and after every epoch (the Trainer's curve).
 *
 * <p>Seconds come from a calibration: the GFLOP/s of each net shape (layer sizes, nonlinearity,
 * batch, clipping) measured on this core by a short {@link StepProbe} of its step and its forward
 * pass ({@link #probe}), or one rate assumed for all ({@link #assumed}, the {@code --gflops} of
 * plan). One rate for every shape is 2-4× off: the trainer reaches 55-88 GFLOP/s on wide nets and
 * less on narrow deep ones, where the per-layer elementwise work weighs more.
 */
public final class CostModel {
    /** Matrix-product GFLOP/s of one core assumed when nothing was measured (a conservative floor for OpenBLAS AVX2, minibatch 100). */
    public static final double DEFAULT_GFLOPS_PER_CORE = 20.0;
    /** Seconds the timed probe takes in all, after the warm-up. */
    public static final double PROBE_SECONDS = 0.4;
    /** Shapes probed at most; the others take the rate of the probed shape nearest in width. */
    static final int PROBE_SHAPES = 12;
    /** A net with more parameters than this (64 MB of floats) is not built on the driver to be probed. */
    static final long PROBE_MAX_PARAMETERS = 16_000_000L;

    private final Map<String, StepProbe.Rates> rates;   // by shape(spec)
    private final double assumedGflops;                 // for shapes without a measured rate
    private final double stretch;                       // wall seconds per CPU second of the probe: the machine's load
    private final String calibration;

    private CostModel(Map<String, StepProbe.Rates> rates, double assumedGflops, String calibration) {
        this.rates = Map.copyOf(rates);
        double sum = 0;
        for (StepProbe.Rates r : rates.values()) sum += r.stretch();
        this.stretch = rates.isEmpty() ? 1 : sum / rates.size();
        this.assumedGflops = assumedGflops;
        this.calibration = calibration;
    }

    /** One rate for every trial: {@code gflopsPerCore} of matrix products per second. */
    public static CostModel assumed(double gflopsPerCore, String why) {
        return new CostModel(Map.of(), gflopsPerCore,
                NumberText.compact(gflopsPerCore) + " GFLOP/s per core assumed (" + why + ")");
    }

    /**
     * A sweep shorter than this, per core at the assumed rate, is not probed: the probe (a JIT
     * warm-up of about a second, then {@link #PROBE_SECONDS}) would cost a good part of the sweep
     * itself, and the ETA of a sweep of seconds is news to no one.
     */
    static final double PROBE_WORTH_SECONDS = 5;

    /**
     * The model a run and {@code plan} use: {@link #probe} when the sweep is long enough to be worth
     * it ({@link #PROBE_WORTH_SECONDS} a core at {@link #DEFAULT_GFLOPS_PER_CORE}), else the assumed rate.
     */
    public static CostModel calibrate(List<TrialSpec> trials, Dataset data, int parallel) {
        double total = 0;
        for (TrialSpec t : trials) total += flops(t);
        double perCore = total / (DEFAULT_GFLOPS_PER_CORE * 1e9) / Math.max(1, parallel);
        if (perCore < PROBE_WORTH_SECONDS) {
            return assumed(DEFAULT_GFLOPS_PER_CORE, "about " + NumberText.fixed(perCore, 1) + " s a core at that rate: too short to be worth a probe");
        }
        return probe(trials, data, parallel);
    }

    /**
     * The model a run uses on a store that already holds finished trials (a sweep run again with
     * more seeds or g values, or resumed): a net shape with finished trials in the store, trained
     * with this driver's BLAS backend, core type and tanh, takes its rate from them — their FLOPs
     * over their own wall times, as they ran side by side on their cores, so nothing is probed and
     * nothing is guessed for them. Only the other shapes are probed ({@link #calibrate(List,
     * Dataset, int)}); with every shape in the store, there is no probe at all, only its JIT
     * warm-up when {@code trialsRunHere} (a run: in local mode its trials run in this JVM, on a
     * cluster the warm-up costs the driver about a second; {@code plan} runs none).
     */
    public static CostModel calibrate(List<TrialSpec> trials, List<TrialResult> finished, Dataset data, int parallel,
                                      boolean trialsRunHere) {
        Provenance here = Provenance.here();
        Set<String> wanted = new LinkedHashSet<>();
        for (TrialSpec t : trials) wanted.add(shape(t));
        Map<String, double[]> paid = new LinkedHashMap<>();   // shape -> {FLOPs paid for, wall seconds, trials}
        for (TrialResult r : finished) {
            String shape = shape(r.spec());
            double share = shareOfCost(r);
            if (!wanted.contains(shape) || !(r.wallSeconds() > 0) || !(share > 0) || !sameSpeed(r.provenance(), here)) continue;
            double[] sums = paid.computeIfAbsent(shape, k -> new double[3]);
            sums[0] += flops(r.spec()) * share;
            sums[1] += r.wallSeconds();
            sums[2]++;
        }
        if (paid.isEmpty()) return calibrate(trials, data, parallel);
        Map<String, StepProbe.Rates> rates = new LinkedHashMap<>();
        int count = 0;
        for (Map.Entry<String, double[]> e : paid.entrySet()) {
            double gflops = e.getValue()[0] / e.getValue()[1] * 1e-9;
            rates.put(e.getKey(), new StepProbe.Rates(gflops, gflops, 1.0));
            count += (int) e.getValue()[2];
        }
        String text = "the store's " + count + " finished trial" + (count == 1 ? "" : "s") + " of " + rates.size() + " of "
                + wanted.size() + " net shape" + (wanted.size() == 1 ? "" : "s") + " (their own wall times; "
                + here.blasBackend() + ", OPENBLAS_CORETYPE=" + here.coreType() + ")";
        List<TrialSpec> rest = new ArrayList<>();
        for (TrialSpec t : trials) if (!rates.containsKey(shape(t))) rest.add(t);
        if (rest.isEmpty() && !trialsRunHere) return new CostModel(rates, DEFAULT_GFLOPS_PER_CORE, text + ": no probe");
        if (rest.isEmpty()) {
            // no probe, but its warm-up: in local mode the trials run in this JVM, and a cold one
            // runs its first steps hundreds of times slower than the stored trials did
            Map<String, TrialSpec> byShape = representativeOfEachShape(trials);
            List<String> order = new ArrayList<>(byShape.keySet());
            order.removeIf(sh -> tooLargeForTheDriver(byShape.get(sh)));
            double warm = order.isEmpty() ? 0 : warmUp(order, byShape, data, Blas.resolve());
            return new CostModel(rates, DEFAULT_GFLOPS_PER_CORE, text + ": no probe; the JIT's warm-up "
                    + NumberText.fixed(warm, 2) + " s");
        }
        CostModel others = calibrate(rest, data, parallel);
        if (others.rates.isEmpty()) {
            // not probed (too short to be worth it, or too large for the driver): a stored shape's
            // rate is a better guess than the assumed one
            int k = wanted.size() - rates.size();
            return new CostModel(rates, DEFAULT_GFLOPS_PER_CORE, text + "; the other " + k + " shape" + (k == 1 ? "" : "s")
                    + ", not probed, take the rate of the stored shape nearest in width");
        }
        Map<String, StepProbe.Rates> all = new LinkedHashMap<>(others.rates);
        all.putAll(rates);
        return new CostModel(all, others.assumedGflops, text + "; the other shapes: " + others.calibration);
    }

    /**
     * One trial of each net shape of {@code trials} (shapes in their order) to time: the one at the
     * median weight scale g of that shape's trials. A grid's ends are not typical: at g well below 1
     * a deep net's activity decays layer by layer into subnormal floats, which Intel cores multiply
     * about 100x slower (measured on a Xeon: the quickstart's depth-64 trials at g = 0.5 took 0.81 s,
     * at every other g 0.30-0.49 s; a probe of the g = 0.5 trial read 2 GFLOP/s and put the first
     * ETA 2-5x too long).
     */
    private static Map<String, TrialSpec> representativeOfEachShape(List<TrialSpec> trials) {
        Map<String, List<TrialSpec>> byShape = new LinkedHashMap<>();
        for (TrialSpec t : trials) byShape.computeIfAbsent(shape(t), s -> new ArrayList<>()).add(t);
        Map<String, TrialSpec> chosen = new LinkedHashMap<>();
        for (Map.Entry<String, List<TrialSpec>> e : byShape.entrySet()) {
            List<TrialSpec> sorted = new ArrayList<>(e.getValue());
            sorted.sort(Comparator.comparingDouble(TrialSpec::g));
            chosen.put(e.getKey(), sorted.get(sorted.size() / 2));
        }
        return chosen;
    }

    /** A net too large to build on the driver for a probe or its warm-up ({@link #PROBE_MAX_PARAMETERS}). */
    private static boolean tooLargeForTheDriver(TrialSpec spec) {
        return spec.network().parameterCount() > PROBE_MAX_PARAMETERS;
    }

    /** Whether a trial that ran with {@code ran} ran at the speed this JVM would: the same backend, core type and tanh. */
    private static boolean sameSpeed(Provenance ran, Provenance here) {
        return ran.blasBackend().equals(here.blasBackend()) && ran.coreType().equals(here.coreType())
                && ran.tanhPath().equals(here.tanhPath());
    }

    /**
     * The share of its trial's cost a result's wall time paid for: all of it when it trained to
     * the end, its epochs' share when it stopped early (diverged, or pruned at a rung).
     */
    public static double shareOfCost(TrialResult result) {
        return result.status() == TrialStatus.OK ? 1.0 : Math.min(1.0, (double) result.stopEpoch() / result.spec().epochs());
    }

    /**
     * Probes the net shapes of {@code trials} on this core with the backend {@link Blas#resolve}
     * picks, in about {@link #PROBE_SECONDS}: the shapes that carry the most of the sweep's FLOPs
     * first, up to {@link #PROBE_SHAPES}; the rest take the rate of the probed shape nearest in
     * width. A cold JVM first warms up ({@link #warmUp}). Each shape is timed on {@code parallel}
     * threads at once, as many as trials will run side by side on this machine: two trials on two
     * cores share the caches and the memory bus, and one alone runs faster than either (measured on
     * the quickstart: a probe on one thread predicted half the trial phase).
     */
    public static CostModel probe(List<TrialSpec> trials, Dataset data, int parallel) {
        long start = System.nanoTime();
        Map<String, TrialSpec> byShape = representativeOfEachShape(trials);
        Map<String, Double> shapeFlops = new LinkedHashMap<>();
        for (TrialSpec t : trials) shapeFlops.merge(shape(t), flops(t), Double::sum);
        List<String> order = new ArrayList<>(byShape.keySet());
        order.removeIf(s -> tooLargeForTheDriver(byShape.get(s)));
        order.sort(Comparator.comparingDouble((String s) -> shapeFlops.get(s)).reversed());
        if (order.size() > PROBE_SHAPES) order = order.subList(0, PROBE_SHAPES);
        BLAS blas = Blas.resolve();
        String backend = blas.getClass().getSimpleName() + ", OPENBLAS_CORETYPE=" + Blas.coreType();
        if (order.isEmpty()) {
            return assumed(DEFAULT_GFLOPS_PER_CORE, "no net small enough to probe on the driver; " + backend);
        }
        double warmSeconds = warmUp(order, byShape, data, blas);
        double each = PROBE_SECONDS / order.size();
        Map<String, StepProbe.Rates> measured = new LinkedHashMap<>();
        int threads = Math.max(1, Math.min(parallel, Runtime.getRuntime().availableProcessors()));
        for (String s : order) measured.put(s, side(byShape.get(s), data, blas, each, threads));
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (StepProbe.Rates r : measured.values()) {
            lo = Math.min(lo, r.stepGflops());
            hi = Math.max(hi, r.stepGflops());
        }
        String text = "probe of " + measured.size() + " of " + byShape.size() + " net shape" + (byShape.size() == 1 ? "" : "s")
                + " on this core in " + NumberText.fixed((System.nanoTime() - start) * 1e-9, 2) + " s, "
                + NumberText.fixed(warmSeconds, 2) + " s of it the JIT's warm-up ("
                + backend + ", " + threads + " at once): training steps at " + NumberText.fixed(lo, 0)
                + (hi > lo + 0.5 ? "-" + NumberText.fixed(hi, 0) : "") + " GFLOP/s of CPU time";
        CostModel model = new CostModel(measured, DEFAULT_GFLOPS_PER_CORE, text);
        return new CostModel(measured, DEFAULT_GFLOPS_PER_CORE, text + ", the wall clock at "
                + NumberText.fixed(model.stretch, 2) + "x the CPU time (other load; not in the estimate)");
    }

    /** The mean rates of {@code threads} probes of {@code spec} running at once. */
    private static StepProbe.Rates side(TrialSpec spec, Dataset data, BLAS blas, double seconds, int threads) {
        if (threads == 1) return StepProbe.measure(spec, data, blas, seconds);
        StepProbe.Rates[] rates = new StepProbe.Rates[threads];
        Thread[] others = new Thread[threads - 1];
        for (int i = 1; i < threads; i++) {
            int k = i;
            others[i - 1] = new Thread(() -> rates[k] = StepProbe.measure(spec, data, blas, seconds), "rwsweep-probe-" + i);
            others[i - 1].setDaemon(true);
            others[i - 1].start();
        }
        rates[0] = StepProbe.measure(spec, data, blas, seconds);
        double step = rates[0].stepGflops();
        double forward = rates[0].forwardGflops();
        double stretch = rates[0].stretch();
        int n = 1;
        for (int i = 1; i < threads; i++) {
            try {
                others[i - 1].join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (rates[i] == null) continue;
            step += rates[i].stepGflops();
            forward += rates[i].forwardGflops();
            stretch += rates[i].stretch();
            n++;
        }
        return new StepProbe.Rates(step / n, forward / n, stretch / n);
    }

    /** Untimed steps of the cheapest shape of each nonlinearity before the warm-up's timed rounds. */
    static final int WARM_UP_STEPS = 300;

    /** Warm-up rounds end after this long even if the speed still climbs. */
    static final double WARM_UP_MAX_SECONDS = 10;

    /** A shape is warm after this many timed rounds in a row less than 10% above its best. */
    static final int WARM_UP_STALE_ROUNDS = 3;

    /**
     * Runs {@link #WARM_UP_STEPS} untimed steps of the cheapest shape of each nonlinearity, then
     * short timed rounds of every shape to be probed until its speed stops climbing
     * ({@link #WARM_UP_STALE_ROUNDS} rounds in a row not 10% above its best); returns the seconds
     * spent. The training kernels are Vector API code, which runs hundreds of times slower until
     * the JIT has compiled it (measured: a 784-64x15-10 step takes 100-800 ms for its first 10
     * steps in a fresh JVM, 0.3 ms from about the 60th), so an unwarmed probe would time the
     * interpreter. Every shape, not only the cheapest: the JIT compiles the per-layer loops again
     * for shapes whose vector tails and depths its first profile had not seen, and while Spark
     * starts beside the probe its compiler threads get less of the cores (measured on a 2-core Xeon:
     * warming the cheapest shape alone left the others' probed steps at 2-9 GFLOP/s against 16-35
     * when warm, and the first ETA 2-5x too long). The first trials pay the same warm-up; in local
     * mode they run in this JVM and find it done.
     */
    private static double warmUp(List<String> order, Map<String, TrialSpec> byShape, Dataset data, BLAS blas) {
        long start = System.nanoTime();
        Map<Object, String> cheapestByActivation = new LinkedHashMap<>();
        for (String s : order) {
            cheapestByActivation.merge(byShape.get(s).activation(), s, (a, b) ->
                    byShape.get(a).network().stepFlopsPerExample() <= byShape.get(b).network().stepFlopsPerExample() ? a : b);
        }
        for (String s : cheapestByActivation.values()) StepProbe.warmUp(byShape.get(s), data, blas, WARM_UP_STEPS);
        for (String s : order) {
            double best = 0;
            int stale = 0;
            while (stale < WARM_UP_STALE_ROUNDS && (System.nanoTime() - start) * 1e-9 < WARM_UP_MAX_SECONDS) {
                double rate = StepProbe.measure(byShape.get(s), data, blas, 0.04).stepGflops();
                if (rate > 1.1 * best) {
                    best = rate;
                    stale = 0;
                } else {
                    stale++;
                }
            }
        }
        return (System.nanoTime() - start) * 1e-9;
    }

    /** Which calibration gives the seconds, for plan and the run's log. */
    public String calibration() { return calibration; }

    /**
     * Estimated seconds of one trial on one core of this machine with nothing else running: its
     * CPU seconds at the probed rates. The load the probe saw is reported, not applied: it is one
     * moment's sample, taken while the driver's own start-up still runs (measured: ×4.95 at the
     * start of fig3-g-sweep, whose trials then ran at their CPU-time estimate within 2%); the
     * run's progress corrects for the load from the trials that finish.
     */
    public double seconds(TrialSpec spec) {
        Network net = spec.network();
        StepProbe.Rates r = ratesFor(spec);
        double step = r == null ? assumedGflops : r.stepGflops();
        double forward = r == null ? assumedGflops : r.forwardGflops();
        return spec.trainSize() * ((double) spec.epochs() * net.stepFlopsPerExample() / step
                + (spec.epochs() + 1.0) * net.forwardFlopsPerExample() / forward) / 1e9;
    }

    /** The shape's measured rates, else those of the measured shape nearest in width (log scale), else null. */
    private StepProbe.Rates ratesFor(TrialSpec spec) {
        if (rates.isEmpty()) return null;
        StepProbe.Rates own = rates.get(shape(spec));
        if (own != null) return own;
        StepProbe.Rates best = null;
        double bestDistance = Double.POSITIVE_INFINITY;
        double width = Math.log(Math.max(1, maxHidden(spec.sizes())));
        for (Map.Entry<String, StepProbe.Rates> e : rates.entrySet()) {
            double d = Math.abs(Math.log(widthOfShape(e.getKey())) - width);
            if (d < bestDistance) {
                bestDistance = d;
                best = e.getValue();
            }
        }
        return best;
    }

    /** What a trial's speed per FLOP depends on: layer sizes, nonlinearity, task, batch, whether it clips. */
    static String shape(TrialSpec t) {
        return maxHidden(t.sizes()) + " " + Arrays.toString(t.sizes()) + " " + t.activation() + " " + t.task()
                + " b" + t.batchSize() + (t.clipNorm() < Double.POSITIVE_INFINITY ? " clip" : "");
    }

    private static int widthOfShape(String shape) {
        return Math.max(1, Integer.parseInt(shape.substring(0, shape.indexOf(' '))));
    }

    /** The widest layer between input and output (the input's width for a net without hidden layers). */
    private static int maxHidden(int[] sizes) {
        if (sizes.length <= 2) return sizes[0];
        int max = 0;
        for (int d = 1; d < sizes.length - 1; d++) max = Math.max(max, sizes[d]);
        return max;
    }

    /** FLOPs of the whole trial. */
    public static double flops(TrialSpec spec) {
        Network net = spec.network();
        return (double) spec.trainSize()
                * ((double) spec.epochs() * net.stepFlopsPerExample() + (spec.epochs() + 1.0) * net.forwardFlopsPerExample());
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
