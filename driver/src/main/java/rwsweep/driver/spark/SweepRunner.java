package rwsweep.driver.spark;

import rwsweep.driver.store.ResultStore;
import rwsweep.driver.sweep.SweepPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.spec.TrialStatus;

/**
 * Runs a sweep into a results directory: claim the directory (its lease: one run at a time),
 * compact what a crashed run left, skip the trials already finished, train the rest as one Spark
 * job ({@link SweepJob}), compact the new records into Parquet, rewrite trials.csv, release.
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
     * {@code atEnd} while the run's Spark session is still up (the summary reads it there instead
     * of starting a second application, which on a cluster would not have the run's settings).
     */
    public static RunReport run(SweepPlan plan, String outDir, RunOptions options, Consumer<ResultStore> atEnd) {
        long start = System.nanoTime();
        // The directory is claimed (lease, ownership, sweep file) and compacted before Spark
        // starts: a directory that cannot be used is refused at once, and a run with nothing left
        // to train starts no Spark at all.
        try (ResultStore store = ResultStore.claim(outDir, plan, options.merge(), ResultStore.hadoopConf(options.sparkConf()))) {
            store.compact();

            Map<String, TrialSpec> distinct = new LinkedHashMap<>();
            for (TrialSpec spec : plan.trials()) distinct.putIfAbsent(spec.key(), spec);
            Map<String, TrialStatus> finished = store.statuses();
            List<TrialSpec> todo = new ArrayList<>();
            for (TrialSpec spec : distinct.values()) {
                TrialStatus status = finished.get(spec.key());
                boolean done = status != null && !(status == TrialStatus.FAILED && options.retryFailed());
                if (!done) todo.add(spec);
            }
            int skipped = distinct.size() - todo.size();
            Progress progress;
            if (todo.isEmpty()) {
                LOG.info("sweep {}: {} trials, all done in {}", plan.name(), distinct.size(), store.dir());
                progress = new Progress(todo, skipped, 1, false);
            } else {
                progress = train(plan, store, todo, skipped, options);
                store.compact();
            }
            store.writeCsv();
            RunReport report = new RunReport(store.dir(), distinct.size(), skipped, todo.size(),
                    progress.ok(), progress.diverged(), progress.failed(),
                    (System.nanoTime() - start) * 1e-9);
            LOG.info("{}", report);
            atEnd.accept(store);
            return report;
        }
    }

    /** Trains {@code todo} as one Spark job, each result recorded under the store's pending/. */
    private static Progress train(SweepPlan plan, ResultStore store, List<TrialSpec> todo, int skipped, RunOptions options) {
        try (SweepSession.Session session = SweepSession.start(options)) {
            SparkContext sc = session.spark().sparkContext();
            int cores = Math.max(1, sc.defaultParallelism() / sc.conf().getInt("spark.task.cpus", 1));
            LOG.info("sweep {}: {} trials, {} already done in {}, running {} on {} cores",
                    plan.name(), todo.size() + skipped, skipped, store.dir(), todo.size(), cores);

            Progress progress = new Progress(todo, skipped, cores, options.progress());
            SparkListener listener = progress.listener();
            sc.addSparkListener(listener);
            double[] trialSeconds = {0, 0}; // sum and longest of the trials' own wall times
            long jobStart = System.nanoTime();
            try {
                SweepJob.run(session.spark(), todo, plan.data(), plan.name(), store.pendingDir(), result -> {
                    trialSeconds[0] += result.wallSeconds();
                    trialSeconds[1] = Math.max(trialSeconds[1], result.wallSeconds());
                    progress.finished(result);
                });
            } finally {
                sc.removeSparkListener(listener);
                progress.close();
            }
            // The makespan against its lower bound max(total/cores, longest): what scheduling and
            // the per-task overhead (launch, recording the result) cost on top of training.
            double job = (System.nanoTime() - jobStart) * 1e-9;
            double ideal = Math.max(trialSeconds[0] / cores, trialSeconds[1]);
            LOG.info("trials ran in {} s on {} cores; the trials' own time gives a lower bound of {} s ({}% over it)",
                    String.format(Locale.ROOT, "%.1f", job), cores, String.format(Locale.ROOT, "%.1f", ideal),
                    ideal > 0 ? String.format(Locale.ROOT, "%.0f", 100 * (job / ideal - 1)) : "0");
            return progress;
        }
    }
}
