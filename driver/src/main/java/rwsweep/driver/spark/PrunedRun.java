package rwsweep.driver.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rwsweep.driver.store.AtomicFile;
import rwsweep.driver.store.ResultStore;
import rwsweep.driver.store.TrialCheckpoints;
import rwsweep.driver.sweep.Pruning;
import rwsweep.driver.sweep.SweepPlan;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.spec.TrialStatus;

/**
 * A pruned sweep's trials, run in synchronous rungs ({@link Pruning}): every live trial trains to
 * the next rung epoch (one Spark job, {@link RungWork}) and saves its state there; then, on the
 * driver, the rule decides from every trial's error at that epoch which stop — those are recorded
 * as PRUNED results with their curve so far — and the rest resume from their saved state to the
 * next rung, and after the last rung to their end, one job per rung.
 *
 * <p>Because a rung waits for every trial to reach it, a decision sees the same errors whatever
 * order the trials finish in, and a survivor's result equals, bit for bit, that of the same trial
 * run unpruned (a resumed trial goes on exactly as if it had never stopped, {@link
 * rwsweep.worker.TrainingState}). A run that is stopped and run again decides again from the same
 * errors: the trials of the plan already in the store take part in every rung they reached (a
 * trial pruned at an earlier rung is out), so the same trials are pruned.
 *
 * <p>The price of synchrony: a rung's job lasts as long as its slowest trial, so cores idle at the
 * end of each rung when the trials of a rung differ in cost.
 */
final class PrunedRun {
    private static final Logger LOG = LoggerFactory.getLogger(PrunedRun.class);
    /** A rung job's epoch for "to the end". */
    private static final int END = Integer.MAX_VALUE;

    private final SweepPlan plan;
    private final Pruning pruning;
    private final ResultStore store;
    private final List<TrialSpec> todo;
    private final Map<String, TrialResult> stored = new LinkedHashMap<>();

    /**
     * @param todo the plan's trials this run trains (longest first)
     * @param store the claimed store; its results of the plan's other trials take part in the decisions
     */
    PrunedRun(SweepPlan plan, Pruning pruning, ResultStore store, List<TrialSpec> todo) {
        this.plan = plan;
        this.pruning = pruning;
        this.store = store;
        this.todo = List.copyOf(todo);
        Set<String> planKeys = new java.util.HashSet<>();
        for (TrialSpec s : plan.trials()) planKeys.add(s.key());
        Set<String> todoKeys = new java.util.HashSet<>();
        for (TrialSpec s : todo) todoKeys.add(s.key());
        for (TrialResult r : store.results()) {
            if (planKeys.contains(r.key()) && !todoKeys.contains(r.key())) stored.put(r.key(), r);
        }
    }

    /** Runs the trials rung by rung; {@code onResult} gets every final result (pruned ones included), on the driver. */
    void run(SparkSession spark, Consumer<TrialResult> onResult) {
        Map<String, TrialSpec> live = new LinkedHashMap<>();
        for (TrialSpec s : todo) live.put(s.key(), s);
        TreeSet<Integer> rungs = new TreeSet<>();
        for (TrialSpec s : todo) rungs.addAll(pruning.rungs(s.epochs()));
        OptionalDouble seconds = plan.checkpointSeconds();
        for (int rung : rungs) {
            if (live.isEmpty()) break;
            Map<String, TrialResult> paused = new ConcurrentHashMap<>();
            List<TrialSpec> specs = new ArrayList<>(live.values());
            SweepJob.run(spark, specs, plan.data(), plan.name(), store.pendingDir(), new RungWork(rung, seconds), r -> {
                if (r.paused()) paused.put(r.key(), r);
                else onResult.accept(r);
            });
            live.keySet().retainAll(paused.keySet());
            Map<String, String> pruned = pruning.prunedAt(rung, standings(rung, specs, paused));
            int n = 0;
            for (Map.Entry<String, String> e : pruned.entrySet()) {
                TrialResult p = paused.get(e.getKey());
                if (p == null) continue;   // a stored trial: its record says so already
                TrialResult result = p.pruned(e.getValue());
                record(spark.sparkContext().hadoopConfiguration(), result);
                live.remove(result.key());
                onResult.accept(result);
                n++;
            }
            LOG.info("sweep {}: rung at epoch {}: {} trials reached it, {} pruned, {} go on", plan.name(), rung,
                    paused.size(), n, live.size());
        }
        if (!live.isEmpty()) {
            SweepJob.run(spark, new ArrayList<>(live.values()), plan.data(), plan.name(), store.pendingDir(),
                    new RungWork(END, seconds), onResult);
        }
    }

    /** Every trial of the plan alive at {@code rung}: those paused there now, and stored ones whose curve reaches it. */
    private List<Pruning.Standing> standings(int rung, List<TrialSpec> specs, Map<String, TrialResult> paused) {
        List<Pruning.Standing> out = new ArrayList<>();
        for (TrialSpec s : specs) {
            TrialResult r = paused.get(s.key());
            if (r != null) out.add(Pruning.Standing.of(s, r.trainError()[rung]));
        }
        for (TrialResult r : stored.values()) {
            double[] curve = r.trainError();
            if (r.status() != TrialStatus.FAILED && r.spec().epochs() > rung && curve.length > rung) {
                out.add(Pruning.Standing.of(r.spec(), curve[rung]));
            }
        }
        return out;
    }

    /** Records a pruned trial as an executor records a finished one (DIR/pending/KEY.json), then drops its saved state. */
    private void record(Configuration conf, TrialResult result) {
        String key = result.key();
        byte[] line = TrialWork.INSTANCE.record(result, plan.name(), SweepJob.FINISHED_AT.format(Instant.now()))
                .getBytes(StandardCharsets.UTF_8);
        try {
            Path target = new Path(store.pendingDir(), key + ".json");
            FileSystem fs = target.getFileSystem(conf);
            AtomicFile.writeOnce(fs, target, "driver", out -> out.write(line));
        } catch (IOException e) {
            throw new UncheckedIOException("recording pruned trial " + key + " in " + store.pendingDir(), e);
        }
        try {
            TrialCheckpoints.at(store.checkpointDir(), conf).remove(key);
        } catch (IOException e) {
            LOG.warn("could not remove the saved state of pruned trial {} from {}: {}", key, store.checkpointDir(), e.getMessage());
        }
    }
}
