package rwsweep.driver.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rwsweep.driver.store.ResultStore;
import rwsweep.driver.summary.PanelResults;
import rwsweep.driver.summary.Replicates;
import rwsweep.driver.summary.Table;
import rwsweep.driver.summary.Tables;
import rwsweep.driver.sweep.CostModel;
import rwsweep.driver.sweep.Digits;
import rwsweep.driver.sweep.NumberText;
import rwsweep.driver.sweep.Pruning;
import rwsweep.driver.sweep.SweepPlan;
import rwsweep.worker.Trainer;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.spec.TrialStatus;

/**
 * A pruned sweep end to end in Spark local mode on the bundled MNIST digits: two nets (ReLU, depth
 * 3 and 6, width 16) at six g each, 6 epochs, successive halving (grace 1, reduction 2: rungs 1, 2,
 * 4) with the chance rule after epoch 2. Which trials are pruned, and where, is computed here
 * independently from the curves of every trial trained unpruned; the store must hold exactly those
 * as PRUNED with the unpruned curve up to their rung, and every other trial with the unpruned
 * result bit for bit. Replay reproduces a pruned trial; a rerun trains nothing; the tables show a
 * pruned cell as pruned.
 */
class PrunedRunTest extends SparkTest {
    private static final double[] GS = {0.3, 0.8, 1.0, 1.2, 1.414, 2.5};
    private static final int EPOCHS = 6;
    private static final Pruning PRUNING = new Pruning(Optional.of(new Pruning.Halving(1, 2, List.of())),
            Optional.of(new Pruning.Chance(2, 0.02)));
    private static final RunOptions QUIET = RunOptions.defaults().withProgress(false);

    @TempDir
    Path tmp;

    private static List<TrialSpec> specs() {
        List<TrialSpec> specs = new ArrayList<>();
        for (int depth : new int[] {3, 6}) {
            for (double g : GS) specs.add(Digits.spec(depth, g).toBuilder().epochs(EPOCHS).build());
        }
        return specs;
    }

    /**
     * The rule applied by hand to the unpruned curves: per net, at rungs 1, 2, 4, the trials still
     * in that have an error there are sorted by (error, key) and the first ceil(n/2) stay; at epoch 2
     * also every one with error >= 0.9 - 0.02 goes. Key → the epoch it is pruned after.
     */
    private static Map<String, Integer> expectedPruned(List<TrialResult> unpruned) {
        Map<String, Integer> pruned = new TreeMap<>();
        Map<Integer, List<TrialResult>> byDepth = unpruned.stream().collect(Collectors.groupingBy(r -> r.spec().depth()));
        for (List<TrialResult> net : byDepth.values()) {
            List<TrialResult> in = new ArrayList<>(net);
            for (int rung : new int[] {1, 2, 4}) {
                final int e = rung;
                in.removeIf(r -> r.trainError().length <= e);   // diverged before the rung: out, not pruned
                List<TrialResult> ranked = new ArrayList<>(in);
                ranked.sort(Comparator.comparingDouble((TrialResult r) -> r.trainError()[e]).thenComparing(TrialResult::key));
                int keep = (ranked.size() + 1) / 2;
                List<TrialResult> out = new ArrayList<>(ranked.subList(keep, ranked.size()));
                if (rung == 2) {
                    for (TrialResult r : ranked) if (r.trainError()[2] >= 0.9 - 0.02 && !out.contains(r)) out.add(r);
                }
                for (TrialResult r : out) pruned.put(r.key(), rung);
                in.removeAll(out);
            }
        }
        return pruned;
    }

    @Test
    void prunesExactlyTheTrialsTheRuleNamesAndSurvivorsEqualTheirUnprunedRunBitForBit() throws IOException {
        List<TrialSpec> specs = specs();
        Map<String, TrialResult> unpruned = new TreeMap<>();
        for (TrialSpec s : specs) unpruned.put(s.key(), Trainer.run(s, Digits.data()));
        Map<String, Integer> expected = expectedPruned(new ArrayList<>(unpruned.values()));
        assertTrue(expected.size() >= 6 && expected.size() < specs.size(), "the sweep prunes some, not all: " + expected);

        SweepPlan plan = new SweepPlan("pruned", "name: pruned\n# test sweep\n", CostModel.longestFirst(specs), Digits.data(),
                OptionalDouble.empty(), Optional.of(PRUNING));
        Path dir = tmp.resolve("out");
        RunReport report = SweepRunner.run(plan, dir.toString(), QUIET);
        assertEquals(expected.size(), report.pruned(), report.toString());

        Map<String, TrialResult> stored = new TreeMap<>();
        for (TrialResult r : ResultStore.open(dir.toString()).results()) stored.put(r.key(), r);
        assertEquals(unpruned.keySet(), stored.keySet());
        Map<String, Integer> got = new TreeMap<>();
        for (TrialResult r : stored.values()) if (r.status() == TrialStatus.PRUNED) got.put(r.key(), r.stopEpoch());
        assertEquals(expected, got);
        for (TrialResult r : stored.values()) {
            TrialResult ref = unpruned.get(r.key());
            if (r.status() == TrialStatus.PRUNED) {
                int e = r.stopEpoch();
                assertArrayEquals(Arrays.copyOf(ref.trainError(), e + 1), r.trainError(), r.key());
                assertArrayEquals(Arrays.copyOf(ref.meanLoss(), e + 1), r.meanLoss(), r.key());
                assertTrue(r.message().startsWith("pruned after epoch " + e + ": "), r.message());
            } else {
                assertTrue(r.sameCurves(ref), r + " vs unpruned " + ref);
            }
        }
        try (Stream<Path> left = Files.list(dir.resolve("checkpoints"))) {
            assertEquals(List.of(), left.toList(), "no saved state is left behind");
        }

        // replay retrains a pruned trial up to the epoch it was stopped after, bit for bit
        TrialResult anyPruned = stored.values().stream().filter(r -> r.status() == TrialStatus.PRUNED).findFirst().orElseThrow();
        Replay.Outcome replayed = Replay.replay(dir.toString(), anyPruned.key(), Digits::data);
        assertTrue(replayed.reproduced(), replayed.toString());

        // a rerun keeps the pruned trials: nothing to train
        RunReport again = SweepRunner.run(plan, dir.toString(), QUIET);
        assertEquals(0, again.ran(), again.toString());

        // the tables: a pruned trial never wins a cell; a cell of pruned trials only says so
        List<PanelResults> panels = PanelResults.split(new ArrayList<>(stored.values()), 0.05);
        PanelResults p = panels.get(0);
        for (int depth : p.depths()) {
            p.best(depth).ifPresent(b -> assertTrue(b.replicates().results().stream().anyMatch(Replicates::hasTrainedError)));
        }
        Table fig3 = Tables.figure3(p);
        List<Double> gs = new ArrayList<>(p.gs());
        List<Integer> depths = new ArrayList<>(p.depths());
        for (TrialResult r : stored.values()) {
            if (r.status() != TrialStatus.PRUNED) continue;
            String cell = fig3.rows().get(gs.indexOf(r.spec().g())).get(1 + depths.indexOf(r.spec().depth()));
            assertEquals("pruned at epoch " + r.stopEpoch() + ", error "
                    + NumberText.compact(r.trainError()[r.stopEpoch()]) + " then (1 pruned)", cell);
        }
    }

    /**
     * A run stopped after the first rung's decisions and run again decides the same: a store that
     * holds only the trials pruned at epoch 1 (as a killed run leaves it) ends with exactly the
     * statuses and stop epochs of an uninterrupted run, because the stored trials take part in
     * every rung they reached.
     */
    @Test
    void aRunResumedAfterTheFirstRungPrunesTheSameTrials() throws IOException {
        List<TrialSpec> specs = specs();
        SweepPlan plan = new SweepPlan("resumed-prune", "name: resumed-prune\n", CostModel.longestFirst(specs), Digits.data(),
                OptionalDouble.empty(), Optional.of(PRUNING));
        Path whole = tmp.resolve("whole");
        SweepRunner.run(plan, whole.toString(), QUIET);
        Map<String, TrialResult> uninterrupted = new TreeMap<>();
        for (TrialResult r : ResultStore.open(whole.toString()).results()) uninterrupted.put(r.key(), r);

        // the store a run killed after rung 1 leaves: the sweep claimed, the rung-1 losers recorded
        Path resumed = tmp.resolve("resumed");
        SweepRunner.run(new SweepPlan(plan.name(), plan.sweepText(), List.of(), Digits.data(), OptionalDouble.empty(),
                Optional.of(PRUNING)), resumed.toString(), QUIET);
        Files.createDirectories(resumed.resolve("pending"));
        int atRungOne = 0;
        for (TrialResult r : uninterrupted.values()) {
            if (r.status() == TrialStatus.PRUNED && r.stopEpoch() == 1) {
                Files.writeString(resumed.resolve("pending").resolve(r.key() + ".json"), rwsweep.driver.store.ResultColumns.jsonLine(
                        new rwsweep.driver.store.ResultColumns.Stored(plan.name(), "2026-01-01T00:00:00.000Z", r)));
                atRungOne++;
            }
        }
        assertTrue(atRungOne > 0 && atRungOne < specs.size(), "rung 1 pruned " + atRungOne);
        RunReport report = SweepRunner.run(plan, resumed.toString(), QUIET);
        assertEquals(atRungOne, report.skipped(), report.toString());
        Map<String, String> got = new TreeMap<>(), want = new TreeMap<>();
        for (TrialResult r : ResultStore.open(resumed.toString()).results()) got.put(r.key(), r.status() + "@" + r.stopEpoch());
        for (TrialResult r : uninterrupted.values()) want.put(r.key(), r.status() + "@" + r.stopEpoch());
        assertEquals(want, got);
    }
}
