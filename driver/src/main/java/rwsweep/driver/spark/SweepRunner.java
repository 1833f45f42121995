package rwsweep.driver.spark;

import rwsweep.driver.store.ResultStore;
import rwsweep.driver.store.StoreKind;
import rwsweep.driver.sweep.NumberText;
import rwsweep.driver.sweep.SweepPlan;
import rwsweep.driver.sweep.WalkPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rwsweep.worker.data.Dataset;
import org.apache.spark.sql.SparkSession;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.spec.TrialStatus;

/**
 * Runs a sweep into a results directory: claim the directory (its lease: one run at a time),
 * compact what a crashed run left, skip the trials (random-walk points) already finished, run the
 * rest as one Spark job ({@link SweepJob}) — a run with nothing left starts no Spark — compact the
 * new records into Parquet, rewrite trials.csv (walks.csv), release.
 *
 * <p>Running the same plan again skips every finished trial; a plan with more grid values runs
 * only the new trials; a run killed at any moment loses at most the trials in flight.
 */
public final class SweepRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SweepRunner.class);

    private SweepRunner() { }

    /**
     * Runs {@code plan} into {@code outDir} (any Hadoop path: a local directory, hdfs://…, s3a://…).
     *
     * @throws UserError when {@code outDir} holds another sweep (and {@code options.merge()} is
     *                   off), is not a results directory, or cannot be written
     */
    public static RunReport run(SweepPlan plan, String outDir, RunOptions options) {
        return run(plan, outDir, options, store -> { });
    }

    /**
     * As {@link #run(SweepPlan, String, RunOptions)}, then hands the finished store to
     * {@code atEnd} while the run still holds the directory's lease (the summary reads it there,
     * without Spark).
     */
    public static RunReport run(SweepPlan plan, String outDir, RunOptions options, Consumer<ResultStore> atEnd) {
        TrialWork work = TrialWork.saving(plan.checkpointSeconds());
        // a pruned sweep runs rung by rung (PrunedRun); otherwise one job trains every trial
        Jobs<TrialSpec, TrialResult> jobs = plan.pruning().filter(p -> !p.isEmpty())
                .<Jobs<TrialSpec, TrialResult>>map(pruning -> (spark, store, todo, onResult) ->
                        new PrunedRun(plan, pruning, store, todo).run(spark, onResult))
                .orElse(oneJob(plan.name(), plan.data(), work));
        return run(plan.name(), plan.sweepText(), StoreKind.TRIALS, plan.trials(), plan.data(), work, jobs, outDir, options, atEnd);
    }

    /** How the items left to do are run on Spark, each final result handed to {@code onResult} on the driver. */
    interface Jobs<S, R> {
        void run(SparkSession spark, ResultStore store, List<S> todo, Consumer<R> onResult);
    }

    /** Every item in one Spark job ({@link SweepJob}). */
    private static <S, R> Jobs<S, R> oneJob(String name, Dataset data, SweepWork<S, R> work) {
        return (spark, store, todo, onResult) -> SweepJob.run(spark, todo, data, name, store.pendingDir(), work, onResult);
    }

    /**
     * Runs the points of a random-walk sweep into {@code outDir} the same way: claim, skip what is
     * done, Spark tasks of one or more points ({@link SweepJob}), compact, walks.csv; then {@code atEnd} with the store.
     */
    public static RunReport runWalks(WalkPlan plan, String outDir, RunOptions options, Consumer<ResultStore> atEnd) {
        return run(plan.name(), plan.sweepText(), StoreKind.WALKS, plan.points(), plan.data().orElse(null), WalkWork.INSTANCE,
                oneJob(plan.name(), plan.data().orElse(null), WalkWork.INSTANCE), outDir, options, atEnd);
    }

    private static <S, R> RunReport run(String name, String sweepText, StoreKind kind, List<S> items, Dataset data,
                                        SweepWork<S, R> work, Jobs<S, R> jobs, String outDir, RunOptions options, Consumer<ResultStore> atEnd) {
        long start = System.nanoTime();
        // The directory is claimed (lease, ownership, kind, sweep file) and compacted before Spark
        // starts: a directory that cannot be used is refused at once, and a run with nothing left
        // to do starts no Spark at all.
        try (ResultStore store = ResultStore.claim(outDir, name, sweepText, kind, options.merge(),
                ResultStore.hadoopConf(options.sparkConf()))) {
            store.compact();

            Map<String, S> distinct = new LinkedHashMap<>();
            for (S spec : items) distinct.putIfAbsent(work.key(spec), spec);
            Map<String, TrialStatus> finished = store.statuses();
            List<S> todo = new ArrayList<>();
            for (Map.Entry<String, S> e : distinct.entrySet()) {
                TrialStatus status = finished.get(e.getKey());
                boolean done = status != null && !(status == TrialStatus.FAILED && options.retryFailed())
                        && !(status == TrialStatus.PRUNED && options.rerunPruned());
                if (!done) todo.add(e.getValue());
            }
            int skipped = distinct.size() - todo.size();
            Progress progress;
            if (todo.isEmpty()) {
                LOG.info("sweep {}: {} {}, all done in {}", name, distinct.size(), work.noun(), store.dir());
                progress = new Progress(todo, work, skipped, 1, Progress.Display.NONE);
            } else {
                progress = execute(name, data, work, jobs, store, todo, skipped, options);
                store.compact();
            }
            store.writeCsv();
            RunReport report = new RunReport(store.dir(), distinct.size(), skipped, todo.size(),
                    progress.counts(),
                    (System.nanoTime() - start) * 1e-9, work.noun());
            LOG.info("{}", report);
            atEnd.accept(store);
            return report;
        }
    }

    /** Runs {@code todo} on Spark as {@code jobs} say, each result recorded under the store's pending/. */
    private static <S, R> Progress execute(String name, Dataset data, SweepWork<S, R> given, Jobs<S, R> jobs, ResultStore store,
                                           List<S> todo,
                                           int skipped, RunOptions options) {
        try (SweepSession.Session session = SweepSession.start(options)) {
            SparkContext sc = session.spark().sparkContext();
            int cores = registeredCores(sc);
            LOG.info("sweep {}: {} {}, {} already done in {}, running {} on {} cores",
                    name, todo.size() + skipped, given.noun(), skipped, store.dir(), todo.size(), cores);
            // Spark's first job in a JVM spends most of a second on its own start (class loading,
            // the scheduler's and serializers' first use) before its first task runs: a tiny job
            // pays that on one thread while the probe below runs, instead of at the head of the
            // trial phase. The probe times its threads' CPU, which the job's thread leaves alone.
            Thread warmJob = new Thread(() -> warmJobPath(session.spark()), "spark warm-up");
            warmJob.setDaemon(true);
            warmJob.start();
            // after Spark's start, whose threads would slow the probe (in local mode this JVM runs the trials)
            SweepWork<S, R> work = given.calibrated(todo, store, data, cores);
            try {
                warmJob.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }

            Progress progress = new Progress(todo, work, skipped, cores, Progress.Display.choose(options.progress()));
            Map<String, S> byKey = new LinkedHashMap<>();
            for (S spec : todo) byKey.put(work.key(spec), spec);
            SparkListener listener = progress.listener();
            sc.addSparkListener(listener);
            double[] itemSeconds = {0, 0}; // sum and longest of the items' own wall times
            long jobStart = System.nanoTime();
            try {
                jobs.run(session.spark(), store, todo, result -> {
                    double seconds = work.wallSeconds(result);
                    itemSeconds[0] += seconds;
                    itemSeconds[1] = Math.max(itemSeconds[1], seconds);
                    String key = work.resultKey(result);
                    S spec = byKey.get(key);
                    progress.finished(key, work.status(result), seconds, spec == null ? 1.0 : work.shareRun(spec, result));
                });
            } finally {
                sc.removeSparkListener(listener);
                progress.close();
            }
            // The makespan against its lower bound max(total/cores, longest): what scheduling and
            // the per-task overhead (launch, recording the result) cost on top of the items.
            double job = (System.nanoTime() - jobStart) * 1e-9;
            double ideal = Math.max(itemSeconds[0] / cores, itemSeconds[1]);
            LOG.info("{} ran in {} s on {} cores; their own time gives a lower bound of {} s ({}% over it)",
                    work.noun(), NumberText.fixed(job, 1), cores, NumberText.fixed(ideal, 1),
                    ideal > 0 ? NumberText.fixed(100 * (job / ideal - 1), 0) : "0");
            return progress;
        }
    }

    /** A two-task job of nothing, for {@link #execute}; a failure here is the trial job's to report. */
    private static void warmJobPath(SparkSession spark) {
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            jsc.setJobDescription("rwsweep: Spark's start");
            jsc.parallelize(List.of(1, 2), 2).map(x -> x + 1).count();
        } catch (RuntimeException e) {
            LOG.debug("Spark's warm-up job failed: {}", e.toString());
        }
    }

    /**
     * For a process that is stopping (SIGINT, SIGTERM): ends every progress display at once, so
     * the last thing on the console is what the caller prints next. The run itself is stopped by
     * the JVM's exit: its recorded trials are in the store, and its lease is released on the way out.
     */
    public static void stopDisplays() {
        Progress.stopAll();
    }

    /** How long a cluster run waits for its first executors before it counts cores anyway. */
    static final long EXECUTOR_WAIT_MILLIS = 60_000;

    /**
     * The cores that run trials: on a cluster, those of the executors that have registered —
     * before the first one does, Spark's default parallelism is a placeholder (2), and the log line
     * and the first ETA would be wrong by the cluster's size. So wait for executors first.
     */
    static int registeredCores(SparkContext sc) {
        if (!sc.isLocal()) {
            long deadline = System.currentTimeMillis() + EXECUTOR_WAIT_MILLIS;
            // the driver is one of the executor infos
            while (sc.statusTracker().getExecutorInfos().length < 2 && System.currentTimeMillis() < deadline) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return Math.max(1, sc.defaultParallelism() / sc.conf().getInt("spark.task.cpus", 1));
    }
}
