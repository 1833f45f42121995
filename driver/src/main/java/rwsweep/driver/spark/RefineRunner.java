package rwsweep.driver.spark;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rwsweep.driver.store.ResultStore;
import rwsweep.driver.sweep.SweepPlan;
import rwsweep.worker.spec.StatusCounts;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;

/**
 * The rounds of adaptive refinement ({@code refine:}): run the grid with {@link SweepRunner}, then
 * per round ask the {@link Placer} for new trials from the finished results and run those as new
 * trials of the same results directory, until it has none or the rounds are done.
 *
 * <p>Deterministic and resumable: round r's placer sees exactly the results of the grid and of
 * rounds 1..r−1 — the store is filtered to those keys, so trials of a later round that a killed run
 * finished cannot change an earlier round's placement — and every run skips what is stored. A rerun
 * of the same file therefore places the same values and runs only what is missing.
 */
public final class RefineRunner {
    private static final Logger LOG = LoggerFactory.getLogger(RefineRunner.class);

    private RefineRunner() { }

    /** Where a round puts its new trials: from the finished results of the trials so far. */
    @FunctionalInterface
    public interface Placer {
        /** The new trials of round {@code round} (1-based); empty: nothing left to refine. */
        List<TrialSpec> next(int round, List<TrialResult> finished);
    }

    /**
     * Runs {@code plan}'s grid and then up to {@code rounds} rounds placed by {@code placer} into
     * {@code outDir}; then {@code atEnd} with the store holding every round. The report counts the
     * trials of all rounds.
     */
    public static RunReport run(SweepPlan plan, String outDir, RunOptions options, int rounds, Placer placer,
                                Consumer<ResultStore> atEnd) {
        long start = System.nanoTime();
        List<TrialSpec> all = new ArrayList<>(plan.trials());
        Set<String> keys = new LinkedHashSet<>();
        for (TrialSpec s : all) keys.add(s.key());
        List<List<TrialResult>> stored = new ArrayList<>(List.of(List.of()));
        RunReport report = SweepRunner.run(plan, outDir, options, store -> stored.set(0, store.results()));
        int ran = report.ran();
        StatusCounts counts = report.counts();
        for (int round = 1; round <= rounds; round++) {
            List<TrialResult> finished = new ArrayList<>();
            for (TrialResult r : stored.get(0)) if (keys.contains(r.spec().key())) finished.add(r);
            List<TrialSpec> next = new ArrayList<>();
            for (TrialSpec s : placer.next(round, finished)) if (keys.add(s.key())) next.add(s);
            if (next.isEmpty()) {
                LOG.info("refine: round {} places nothing: located to the tolerance", round);
                break;
            }
            LOG.info("refine: round {} of {}: {} new trials", round, rounds, next.size());
            all.addAll(next);
            report = SweepRunner.run(with(plan, all), outDir, options, store -> stored.set(0, store.results()));
            ran += report.ran();
            counts = counts.plus(report.counts());
        }
        // the summary reads the store of every round: one more pass, which finds nothing to run and starts no Spark
        RunReport last = SweepRunner.run(with(plan, all), outDir, options, atEnd);
        return new RunReport(last.dir(), all.size(), all.size() - ran, ran, counts, (System.nanoTime() - start) * 1e-9, "trials");
    }

    private static SweepPlan with(SweepPlan plan, List<TrialSpec> trials) {
        return new SweepPlan(plan.name(), plan.sweepText(), trials, plan.data(), plan.checkpointSeconds(), plan.pruning());
    }
}
