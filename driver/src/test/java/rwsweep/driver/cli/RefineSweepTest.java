package rwsweep.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rwsweep.driver.spark.SparkTest;
import rwsweep.driver.store.ResultStore;
import rwsweep.worker.spec.TrialResult;

/**
 * A tiny refinement end to end on Spark local mode: {@code rwsweep run} of a grid of 4 g at two
 * depths with {@code refine: {rounds: 2, points: 1}}, on 200 real digits. The g values each round
 * placed are checked against the rule applied by hand to the stored errors of the rounds before
 * (the band: g within 2 training examples of the lowest error; one point per round into the first
 * interval wider than the tolerance, in the order low edge, high edge, left and right of the
 * best), and a second run of the same file runs nothing: the rounds are resumable. (In that
 * second run the store already holds round 2 when round 1 is placed; were it not filtered to the
 * rounds before, round 1 would see round 2's errors, could place other g, and would run them.)
 */
class RefineSweepTest extends SparkTest {
    private static final double[] GRID = {0.25, 1, 1.75, 2.5};
    private static final double TOLERANCE = 0.05;
    private static final int N = 200;

    @Test
    void eachRoundPlacesTheMidpointTheRuleGivesFromTheRoundsBefore(@TempDir Path dir) throws IOException {
        Path sweep = Files.writeString(dir.resolve("tiny-refine.yaml"), "data: {source: mnist-sample, n: " + N + "}\n"
                + "nonlinearities: tanh\ndepths: [3, 6]\nwidth: 16\ninit: gaussian\ng: [0.25, 1, 1.75, 2.5]\n"
                + "lambda: [0.05, 0.05]\nepochs: 3\nbatch: 20\nseeds: 1\ncheckpoint: none\n"
                + "refine: {axis: g, rounds: 2, points: 1, tolerance: " + TOLERANCE + "}\n");
        Path out = dir.resolve("out");
        Cli cli = Cli.run("run", sweep.toString(), "--out", out.toString(), "--no-progress", "--master", "local[2]");
        assertEquals(0, cli.exitCode, cli.err);
        assertTrue(cli.out.contains("refine: up to 2 rounds x 1 g values per net, until located to 0.05: at most 12 trials in all"), cli.out);

        // g → error per depth, from the store
        Map<Integer, TreeMap<Double, Double>> errors = new TreeMap<>();
        for (TrialResult r : ResultStore.open(out.toString()).results()) {
            errors.computeIfAbsent(r.spec().depth(), d -> new TreeMap<>()).put(r.spec().g(), r.minTrainError());
        }
        int total = 0;
        for (Map.Entry<Integer, TreeMap<Double, Double>> e : errors.entrySet()) {
            TreeMap<Double, Double> byG = e.getValue();
            Set<Double> grid = new TreeSet<>();
            for (double g : GRID) grid.add(g);
            assertTrue(byG.keySet().containsAll(grid), "depth " + e.getKey() + ": the grid ran");
            // replay the rounds by hand: each round sees the grid and the rounds before it
            TreeMap<Double, Double> seen = new TreeMap<>();
            for (double g : GRID) seen.put(g, byG.get(g));
            List<Double> placed = new ArrayList<>();
            for (int round = 1; round <= 2; round++) {
                Double next = midpointByHand(seen);
                if (next == null) break;
                assertTrue(byG.containsKey(next), "depth " + e.getKey() + " round " + round + ": expected g = " + next + " in " + byG.keySet());
                seen.put(next, byG.get(next));
                placed.add(next);
            }
            // the grid's steps (0.75) are far above the tolerance: both rounds place a point
            assertEquals(2, placed.size(), "depth " + e.getKey() + ": placed " + placed + "\n" + cli.out);
            assertEquals(seen.keySet(), byG.keySet(), "depth " + e.getKey() + ": nothing but the grid and the placed " + placed);
            total += byG.size();
        }
        assertEquals(12, total, "2 nets x (4 grid g + 2 rounds x 1 point)");
        assertTrue(cli.out.contains("12 trials: 0 already done, 12 run"), cli.out);
        assertTrue(cli.out.contains("located to 0.05"), "the band table follows the rounds:\n" + cli.out);

        // the same file again: the same rounds are placed (from the same results) and all are done
        Cli again = Cli.run("run", sweep.toString(), "--out", out.toString(), "--no-progress", "--master", "local[2]");
        assertEquals(0, again.exitCode, again.err);
        assertTrue(again.out.contains("12 trials: 12 already done, 0 run"), again.out);
    }

    /**
     * The rule with one point: the band is every g whose error is within 2 examples of the lowest
     * (the lowest at the smallest g on equal errors), and the point is the midpoint (4 digits) of the
     * first interval wider than the tolerance among: below the band, above it, left of the best,
     * right of the best. Null when there is none.
     */
    private static Double midpointByHand(TreeMap<Double, Double> errors) {
        List<Double> gs = new ArrayList<>(errors.keySet());
        int best = 0;
        for (int i = 1; i < gs.size(); i++) if (errors.get(gs.get(i)) < errors.get(gs.get(best))) best = i;
        double lowest = errors.get(gs.get(best));
        int low = -1, high = -1;
        for (int i = 0; i < gs.size(); i++) {
            double diff = Math.abs(errors.get(gs.get(i)) - lowest);
            if (diff == 0 || diff < 2.0 / N * (1 - 1e-9)) {
                if (low < 0) low = i;
                high = i;
            }
        }
        int[][] intervals = {{low - 1, low}, {high, high + 1}, {best - 1, best}, {best, best + 1}};
        for (int[] iv : intervals) {
            if (iv[0] < 0 || iv[1] >= gs.size()) continue;
            double a = gs.get(iv[0]), b = gs.get(iv[1]);
            if (b - a > TOLERANCE) {
                return new java.math.BigDecimal((a + b) / 2).round(new java.math.MathContext(4)).doubleValue();
            }
        }
        return null;
    }
}
