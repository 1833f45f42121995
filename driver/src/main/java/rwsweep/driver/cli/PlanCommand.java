package rwsweep.driver.cli;

import rwsweep.worker.Architecture;
import rwsweep.driver.sweep.Pruning;
import rwsweep.driver.sweep.CostModel;
import rwsweep.driver.sweep.Grid;
import rwsweep.driver.sweep.GridAxes;
import rwsweep.driver.sweep.InitChoice;
import rwsweep.driver.sweep.SweepFile;
import rwsweep.driver.sweep.SweepKey;
import rwsweep.driver.sweep.TrainingData;
import rwsweep.driver.store.ResultStore;
import rwsweep.driver.store.StoreKind;
import rwsweep.driver.sweep.UserError;
import rwsweep.driver.sweep.WalkGrid;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import rwsweep.driver.sweep.LambdaPair;
import rwsweep.driver.sweep.NumberText;
import rwsweep.worker.spec.TrialField;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.theory.WalkSpec;
import rwsweep.worker.data.Dataset;

/**
 * {@code rwsweep plan SWEEP.yaml}: the dry run. Checks the sweep file and its data, expands the
 * grid and prints the trial count, the estimated cost and duration on the given cores
 * ({@link CostModel}; makespan ≈ max(total/cores, longest trial), since trials run longest first,
 * one per core) and the first trials. Starts no Spark and writes nothing. {@code --keys} prints
 * the {@link SweepKey} table instead.
 */
@Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Dry run: check a sweep file, count its trials, estimate cost and duration, list the first trials.",
                "Starts no Spark and writes nothing."})
public final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "SWEEP.yaml", description = "The sweep file.")
    Path sweepFile;

    @Option(names = "--cores", paramLabel = "N", description = "Cores the sweep will run on (default: this machine's, ${DEFAULT-VALUE}).")
    int cores = Runtime.getRuntime().availableProcessors();

    @Option(names = "--gflops", paramLabel = "G",
            description = "Matrix-product GFLOP/s of one core for every net (default: measured by a short probe of each net shape here).")
    Double gflopsPerCore;

    @Option(names = "--out", paramLabel = "DIR",
            description = "The results directory the run would use: plan only the trials not finished there, their net shapes' rates from its finished trials (as the run does).")
    String outDir;

    @Option(names = "--show", paramLabel = "K", description = "How many trials to list (default: ${DEFAULT-VALUE}).")
    int show = 10;

    @Option(names = "--keys", description = "Print every sweep-file key with its allowed values, default and meaning.")
    boolean keys;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (keys) {
            out.print(SweepKey.table());
            return 0;
        }
        if (sweepFile == null) throw new ParameterException(spec.commandLine(), "Missing required parameter: 'SWEEP.yaml' (or --keys)");
        if (cores < 1) throw new ParameterException(spec.commandLine(), "--cores must be at least 1, got " + cores);
        if (gflopsPerCore != null && (!(gflopsPerCore > 0) || Double.isInfinite(gflopsPerCore))) {
            throw new ParameterException(spec.commandLine(), "--gflops must be a finite number > 0, got " + gflopsPerCore);
        }
        SweepFile sweep = SweepFile.load(sweepFile);
        if (sweep.kind() == SweepFile.Kind.RANDOMWALK) {
            Optional<Dataset> data = walkData(sweep, Map.of());
            long start = System.nanoTime();
            List<WalkSpec> points = WalkGrid.expand(sweep, data);
            out.print(walkSummary(sweep, data, points, (System.nanoTime() - start) * 1e-9));
            out.print(walkEstimate(points, cores));
            out.print(walkTable(points, Math.min(show, points.size())));
            return 0;
        }
        Dataset data = data(sweep, Map.of());
        long start = System.nanoTime();
        List<TrialSpec> trials = Grid.expand(sweep, data);
        out.print(summary(sweep, data, trials));
        out.print(criticalLine(trials, (System.nanoTime() - start) * 1e-9));
        List<TrialResult> finished = outDir == null ? List.of() : finishedIn(outDir);
        List<TrialSpec> todo = trials;
        if (outDir != null) {
            Set<String> done = new HashSet<>();
            for (TrialResult r : finished) done.add(r.key());
            todo = trials.stream().filter(t -> !done.contains(t.key())).toList();
            out.print("left to run: " + todo.size() + " of " + trials.size() + " trials (" + (trials.size() - todo.size())
                    + " finished in " + outDir + ")\n");
        }
        // the same model as a run's first ETA (TrialWork): the store's finished trials, else a probe of the net shapes on this core
        CostModel model = gflopsPerCore != null ? CostModel.assumed(gflopsPerCore, "--gflops")
                : CostModel.calibrate(todo, finished, data, cores, false);
        out.print("cost model: " + model.calibration() + "\n");
        out.print(estimate(todo, cores, model,
                gflopsPerCore != null ? " at " + NumberText.significant(gflopsPerCore, 3) + " GFLOP/s each" : ""));
        out.print(table(todo, Math.min(show, todo.size()), model));
        return 0;
    }

    /** The trials finished in results directory {@code dir}: none when it holds no results yet; UserError when it holds random-walk points. */
    private static List<TrialResult> finishedIn(String dir) {
        Optional<ResultStore> opened = ResultStore.openIfPresent(dir, ResultStore.hadoopConf(Map.of()));
        if (opened.isEmpty()) return List.of();
        try (ResultStore store = opened.get()) {
            if (store.kind() != StoreKind.TRIALS) {
                throw new UserError("results directory " + dir + " holds random-walk points, not trials: plan --out takes the results directory of a training sweep");
            }
            return store.results();
        }
    }

    /**
     * The sweep's training data; data files given as URIs (hdfs://…) are read with Hadoop's site
     * files and the {@code spark.hadoop.*} settings of {@code sparkConf} and of the system
     * properties, as the store is.
     */
    static Dataset data(SweepFile sweep, Map<String, String> sparkConf) {
        return TrainingData.load(sweep, ResultStore.hadoopConf(sparkConf));
    }

    /** The data of a random-walk sweep, loaded only when its nets are driven by it. */
    static Optional<Dataset> walkData(SweepFile sweep, Map<String, String> sparkConf) {
        return sweep.walk().orElseThrow().dataInput() ? Optional.of(data(sweep, sparkConf)) : Optional.empty();
    }

    /** Which critical g the trials got, and how long the grid took to expand with them. */
    static String criticalLine(List<TrialSpec> trials, double seconds) {
        long distinct = trials.stream().filter(t -> t.critical().isPresent())
                .map(t -> t.activation() + Arrays.toString(t.sizes()) + t.codeLayer()).distinct().count();
        if (distinct == 0) return "";
        String kind = trials.stream().flatMap(t -> t.critical().stream()).findFirst().orElseThrow().label();
        return String.format(Locale.ROOT, "critical g: the %s optimum of %d net shape%s (grid expanded in %s)%n",
                kind, distinct, distinct == 1 ? "" : "s", NumberText.duration(seconds));
    }

    /** A random-walk sweep, its input, the point count and their cost: what plan and run print first. */
    static String walkSummary(SweepFile sweep, Optional<Dataset> data, List<WalkSpec> points, double seconds) {
        SweepFile.WalkOptions w = sweep.walk().orElseThrow();
        double total = 0;
        for (WalkSpec p : points) total += WalkGrid.cost(p);
        long optimal = points.stream().filter(p -> p.kind() == WalkSpec.Kind.OPTIMAL_G).count();
        StringBuilder b = new StringBuilder();
        b.append("sweep ").append(sweep.name()).append(" (").append(sweep.file()).append("): randomwalk, ")
         .append(w.nets()).append(" nets per point, source ").append(TrialField.spelling(w.source()))
         .append(", critical ").append(sweep.critical().label()).append('\n');
        b.append("input: ").append(data.map(d -> sweep.data().label() + ": " + d.size() + " examples x " + d.dim()
                + " inputs, standardised, id " + d.id()).orElse("x ~ N(0, I)")).append('\n');
        b.append("points: ").append(points.size()).append(" (").append(optimal).append(" optimal-g searches)\n");
        b.append(String.format(Locale.ROOT, "cost: %s net-layer-unit steps in total (grid expanded in %s)%n", NumberText.significant(total, 3), NumberText.duration(seconds)));
        return b.toString();
    }

    /** The estimated wall time of a random-walk sweep on {@code cores} cores (the rate of {@link WalkGrid}). */
    static String walkEstimate(List<WalkSpec> points, int cores) {
        double total = 0;
        double longest = 0;
        for (WalkSpec p : points) {
            double seconds = WalkGrid.cost(p) / WalkGrid.DEFAULT_STEPS_PER_SECOND;
            total += seconds;
            longest = Math.max(longest, seconds);
        }
        return String.format(Locale.ROOT, "estimated duration on %d core%s: %s (total/cores %s, longest point %s)%n",
                cores, cores == 1 ? "" : "s", NumberText.duration(Math.max(total / cores, longest)), NumberText.duration(total / cores), NumberText.duration(longest));
    }

    /** The first {@code count} points as an aligned table. */
    static String walkTable(List<WalkSpec> points, int count) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "first %d of %d points (longest first):%n", count, points.size()));
        String row = "  %-16s  %-6s  %5s  %-18s  %-18s  %-10s  %5s  %4s  %8s%n";
        b.append(String.format(Locale.ROOT, row, "key", "f", "depth", "sizes", "init", "g", "nets", "seed", "estimate"));
        for (WalkSpec p : points.subList(0, count)) {
            String init = InitChoice.label(p.init(), p.fractionalS(), p.leakySlope());
            String g = p.g().isPresent() ? NumberText.fixed(p.g().getAsDouble(), 4) : "optimal";
            b.append(String.format(Locale.ROOT, row, p.key(), TrialField.spelling(p.activation()), p.depth(),
                    sizes(p.sizes()), init, g, p.nets(), p.seed(), NumberText.duration(WalkGrid.cost(p) / WalkGrid.DEFAULT_STEPS_PER_SECOND)));
        }
        return b.toString();
    }

    /** The sweep, its data, the trial count and their cost: what plan and run print first. */
    static String summary(SweepFile sweep, Dataset data, List<TrialSpec> trials) {
        double totalFlops = 0;
        for (TrialSpec t : trials) totalFlops += CostModel.flops(t);
        StringBuilder b = new StringBuilder();
        b.append("sweep ").append(sweep.name()).append(" (").append(sweep.file()).append("): ")
         .append(TrialField.spelling(sweep.task())).append(", d_max ").append(sweep.dMax()).append('\n');
        b.append("data: ").append(sweep.data().label()).append(": ").append(data.size()).append(" examples x ")
         .append(data.dim()).append(" inputs, ").append(data.classes()).append(" classes, standardised, id ").append(data.id()).append('\n');
        b.append("trials: ").append(trials.size()).append('\n');
        sweep.refinement().ifPresent(r -> b.append("refine: up to ").append(r.rounds()).append(" rounds x ").append(r.points())
                .append(" g values per net, until located to ").append(NumberText.plain(r.tolerance())).append(": at most ")
                .append(r.worstCase(trials)).append(" trials in all\n"));
        b.append("cost: ").append(NumberText.significant(totalFlops, 3)).append(" FLOP in total, longest trial ")
         .append(NumberText.significant(trials.isEmpty() ? 0.0 : CostModel.flops(trials.get(0)), 3)).append(" FLOP\n");
        sweep.pruning().ifPresent(p -> b.append("pruning: on: ").append(p.describe()).append("; at most ")
                .append(Pruning.trialEpochs(trials)).append(" trial-epochs (none pruned, the worst case)")
                .append(p.halving().isPresent() ? ", " + p.fewestTrialEpochs(trials) + " if halving prunes all it may" : "")
                .append('\n'));
        return b.toString();
    }

    /**
     * The estimated wall time on {@code cores} cores: trials run one per core, longest first, so
     * the makespan is about max(total/cores, longest trial).
     */
    static String estimate(List<TrialSpec> trials, int cores, CostModel model, String rate) {
        double total = 0;
        double longest = 0;
        for (TrialSpec t : trials) {
            double seconds = model.seconds(t);
            total += seconds;
            longest = Math.max(longest, seconds);
        }
        double makespan = Math.max(total / cores, longest);
        return String.format(Locale.ROOT, "estimated duration on %d core%s%s: %s (total/cores %s, longest trial %s)%n",
                cores, cores == 1 ? "" : "s", rate, NumberText.duration(makespan), NumberText.duration(total / cores), NumberText.duration(longest));
    }

    /** The first {@code count} trials as an aligned table. */
    static String table(List<TrialSpec> trials, int count, CostModel model) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "first %d of %d trials (longest first):%n", count, trials.size()));
        String row = "  %-16s  %-6s  %5s  %-24s  %-22s  %-6s  %-6s  %-6s  %-15s  %6s  %5s  %4s  %8s%n";
        b.append(String.format(Locale.ROOT, row, "key", "f", "depth", "sizes", "init", "g", "g_in", "g_out", "lambda", "epochs", "batch", "seed", "estimate"));
        for (TrialSpec t : trials.subList(0, count)) {
            String init = InitChoice.label(t.init(), t.fractionalS(), t.leakySlope());
            b.append(String.format(Locale.ROOT, row, t.key(), TrialField.spelling(t.activation()), t.depth(),
                    sizes(t.sizes()), init, NumberText.fixed(t.g(), 4), NumberText.fixed(t.gIn(), 4), NumberText.fixed(t.gOut(), 4),
                    GridAxes.show(LambdaPair.of(t)), t.epochs(), t.batchSize(), t.seed(),
                    NumberText.duration(model.seconds(t))));
        }
        return b.toString();
    }

    private static String gain(double g) {
        return String.format(Locale.ROOT, "%.4f", g);
    }

    /** Layer sizes with runs shortened: [784, 100, 100, 100, 10] → 784-100x3-10 ({@link Architecture#shape}). */
    static String sizes(int[] sizes) {
        return Architecture.shape(sizes);
    }
}
