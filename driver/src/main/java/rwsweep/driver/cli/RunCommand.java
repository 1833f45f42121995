package rwsweep.driver.cli;

import rwsweep.driver.spark.RefineRunner;
import rwsweep.driver.spark.RunOptions;
import rwsweep.driver.spark.RunReport;
import rwsweep.driver.spark.SweepRunner;
import rwsweep.driver.store.ResultStore;
import rwsweep.driver.store.StoreKind;
import rwsweep.driver.sweep.Grid;
import rwsweep.driver.sweep.Refinement;
import rwsweep.driver.sweep.SweepFile;
import rwsweep.driver.sweep.SweepPlan;
import rwsweep.driver.sweep.WalkGrid;
import rwsweep.driver.sweep.WalkPlan;
import rwsweep.driver.sweep.UserError;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import rwsweep.driver.store.RunLog;
import rwsweep.worker.spec.Provenance;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import rwsweep.driver.summary.Summary;
import rwsweep.driver.summary.SummaryOptions;
import rwsweep.driver.summary.TrainableBand;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.theory.WalkSpec;
import rwsweep.worker.data.Dataset;

/**
 * {@code rwsweep run SWEEP.yaml}: checks everything that can be checked without Spark — the sweep
 * file, its data, the grid, that the output directory can be written — and only then hands the
 * plan to {@link SweepRunner}. A mistake found before that point starts no Spark and writes nothing.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Run a sweep on Spark: every trial of the grid, longest first, one per core.",
                "Trials already in the output directory are not run again.",
                "Ctrl-C or SIGTERM stops it with one line (exit 130 or 143); the same command resumes it."})
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SWEEP.yaml", description = "The sweep file (keys: rwsweep plan --keys).")
    Path sweepFile;

    @Option(names = "--out", paramLabel = "DIR", description = {"Results directory (default: results/<sweep name>);",
            "a local path, or any Hadoop file system URI (hdfs://..., s3a://...)."})
    String out;

    @Option(names = "--master", paramLabel = "M", description = {"Spark master: local[*], local[N], spark://host:port, yarn, k8s://...",
            "Default: spark-submit's if it set one, else " + RunOptions.DEFAULT_MASTER + "."})
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "An extra Spark setting (repeatable); applied last, so it wins.")
    Map<String, String> conf = new LinkedHashMap<>();

    @Option(names = "--merge", description = "Allow an output directory that holds results of another sweep.")
    boolean merge;

    @Option(names = "--rerun-pruned", description = {"Run trials recorded as PRUNED again (by default a rerun keeps them);",
            "with prune removed from the sweep file they then train to their end."})
    boolean rerunPruned;

    @Option(names = "--no-progress", negatable = false, description = "No progress bar (for logs and CI).")
    boolean noProgress;

    @Override
    public Integer call() {
        Instant started = Instant.now();
        PrintWriter out = spec.commandLine().getOut();
        if (this.out != null && this.out.isBlank()) {
            throw new UserError("--out: got an empty path; allowed: a directory you can write (default results/<sweep name>)");
        }
        SweepFile sweep = SweepFile.load(sweepFile);
        String dir = outputDir(sweep, this.out);
        RunOptions options = options();
        if (ResultStore.isLocal(dir, ResultStore.hadoopConf(options.sparkConf()))) {
            Path local = Path.of(dir.replaceFirst("^file:(//)?", ""));
            requireOutsideSweeps(local, sweepFile);
            requireWritable(local);
        }
        // a directory the run could not claim is refused now, before the data is read; the claim
        // itself (with the lease) comes just before Spark starts
        ResultStore.requireClaimable(dir, sweep.name(), sweep.kind() == SweepFile.Kind.RANDOMWALK ? StoreKind.WALKS : StoreKind.TRIALS,
                merge, ResultStore.hadoopConf(options.sparkConf()));
        if (sweep.kind() == SweepFile.Kind.RANDOMWALK) return runWalks(out, sweep, dir, options, started);
        Summary.warmUpInBackground();   // beside the data's load and Spark's start, which leave a core idle
        Dataset data = PlanCommand.data(sweep, options.sparkConf());
        List<TrialSpec> trials = Grid.expand(sweep, data);
        out.print(PlanCommand.summary(sweep, data, trials));
        out.flush();
        String[] summary = new String[2];
        SweepPlan plan = new SweepPlan(sweep.name(), sweep.text(), trials, data, sweep.checkpointSeconds(), sweep.pruning());
        Optional<Refinement> refine = sweep.refinement();
        RunReport report = StopSignal.during(dir, trials.stream().map(TrialSpec::key).toList(), "trials", spec.commandLine().getErr(),
                () -> refine.isEmpty()
                        ? SweepRunner.run(plan, dir, options,
                                store -> summary[0] = recordAndSummarize(store, started, OptionalInt.of(trials.size())))
                        : RefineRunner.run(plan, dir, options, refine.get().rounds(),
                                (round, finished) -> TrainableBand.nextTrials(finished, refine.get(), SummaryOptions.DEFAULT_TRAINED_BELOW),
                                store -> {
                                    // the rounds' trials count as planned: the summary's count is the store's
                                    summary[1] = TrainableBand.table(TrainableBand.of(store.results(), SummaryOptions.DEFAULT_TRAINED_BELOW),
                                            refine.get());
                                    summary[0] = recordAndSummarize(store, started, OptionalInt.empty());
                                }));
        if (summary[1] != null) out.print(summary[1]);
        out.println(report);
        out.println("summary: " + summary[0]);
        return report.failed() == 0 ? 0 : 1;
    }

    /** The run's row in runs.csv, then the summary of the store (planned: the trial count, if the plan fixes it). */
    private String recordAndSummarize(ResultStore store, Instant started, OptionalInt planned) {
        record(store, started, store.statuses().size());
        return StoreSummary.write(store, SummaryOptions.DEFAULT_TRAINED_BELOW, planned);
    }

    /** A random-walk sweep: its points on Spark like trials, into a store of walk points, then its summary. */
    private int runWalks(PrintWriter out, SweepFile sweep, String dir, RunOptions options, Instant started) {
        Optional<Dataset> data = PlanCommand.walkData(sweep, options.sparkConf());
        long start = System.nanoTime();
        List<WalkSpec> points = WalkGrid.expand(sweep, data);
        out.print(PlanCommand.walkSummary(sweep, data, points, (System.nanoTime() - start) * 1e-9));
        out.flush();
        String[] summary = new String[1];
        RunReport report = StopSignal.during(dir, points.stream().map(WalkSpec::key).toList(), "walk points", spec.commandLine().getErr(),
                () -> SweepRunner.runWalks(new WalkPlan(sweep.name(), sweep.text(), points, data), dir, options,
                        store -> {
                            record(store, started, store.walks().size());
                            summary[0] = StoreSummary.write(store, SummaryOptions.DEFAULT_TRAINED_BELOW, OptionalInt.of(points.size()));
                        }));
        out.println(report);
        out.println("summary: " + summary[0]);
        return report.failed() == 0 ? 0 : 1;
    }

    /**
     * This run in DIR/runs.csv, before its summary is written (so the summary shows it, and any
     * later {@code summarize DIR} too): start, now, the command line as given, the code version.
     */
    private void record(ResultStore store, Instant started, int done) {
        Instant finished = Instant.now();
        store.recordRun(new RunLog.Run(started.truncatedTo(ChronoUnit.SECONDS).toString(),
                finished.truncatedTo(ChronoUnit.SECONDS).toString(), Duration.between(started, finished).toMillis() / 1000.0,
                commandLine(spec.commandLine().getParseResult().originalArgs()), Provenance.codeVersionOf(Version.class), done,
                Provenance.plainJava().host()));
    }

    /** "rwsweep run sweeps/x.yaml --out DIR": the arguments as given, each quoted when it holds a space or quote. */
    static String commandLine(List<String> args) {
        StringBuilder b = new StringBuilder("rwsweep");
        for (String a : args) {
            b.append(' ');
            if (a.isEmpty() || a.matches(".*[\\s'\"$].*")) b.append('\'').append(a.replace("'", "'\\''")).append('\'');
            else b.append(a);
        }
        return b.toString();
    }

    /** --out if given, else results/<sweep name>. */
    static String outputDir(SweepFile sweep, String out) {
        return out != null ? out : Path.of("results", sweep.name()).toString();
    }

    /**
     * A directory on the local file system (file:, or no scheme while Hadoop's default file system
     * is local), which can be checked before anything starts; on a remote file system claiming the
     * store is the first check.
     */
    static boolean isLocal(String dir) {
        return ResultStore.isLocal(dir, ResultStore.hadoopConf(Map.of()));
    }

    /**
     * The options for the runner. An explicit --master wins; without one, a spark.master that
     * spark-submit set is kept (the runner only fills in a master that is missing).
     */
    RunOptions options() {
        RunOptions options = RunOptions.defaults().withMerge(merge).withProgress(!noProgress).withRerunPruned(rerunPruned);
        if (master != null) options = options.withMaster(master).withConf("spark.master", master);
        for (Map.Entry<String, String> e : conf.entrySet()) options = options.withConf(e.getKey(), e.getValue());
        return options;
    }

    /**
     * That {@code dir} is not inside the sweeps/ directory the sweep file sits in: results there
     * would land in the project's source tree, beside the sweep files.
     */
    static void requireOutsideSweeps(Path dir, Path sweepFile) {
        Path sweeps = sweepFile.toAbsolutePath().normalize().getParent();
        if (sweeps == null || sweeps.getFileName() == null || !sweeps.getFileName().toString().equals("sweeps")) return;
        if (dir.toAbsolutePath().normalize().startsWith(sweeps)) {
            throw new UserError("--out " + dir + ": inside " + sweeps + ", the directory of the sweep files; allowed: a directory"
                    + " outside it (default results/<sweep name>)");
        }
    }

    /**
     * That {@code dir} is, or can be created as, a directory this process can write — checked by
     * creating and deleting a probe file in it or in its nearest existing ancestor (file
     * permissions alone say little for root or on read-only mounts). Leaves nothing behind.
     */
    static void requireWritable(Path dir) {
        Path existing = dir.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        String allowed = "; allowed: a directory you can write (created if missing)";
        if (existing == null) throw new UserError("--out " + dir + ": no part of the path exists" + allowed);
        if (!Files.isDirectory(existing)) {
            throw new UserError("--out " + dir + ": " + existing + " is a file, not a directory" + allowed);
        }
        try {
            Files.delete(Files.createTempFile(existing, ".rwsweep-write-probe", ""));
        } catch (IOException | SecurityException e) {
            throw new UserError("--out " + dir + ": cannot write in " + existing + " (" + e.getClass().getSimpleName() + ")" + allowed);
        }
    }
}
