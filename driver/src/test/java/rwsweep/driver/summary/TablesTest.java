package rwsweep.driver.summary;

import rwsweep.driver.sweep.NumberText;
import rwsweep.driver.sweep.LambdaPair;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rwsweep.driver.summary.SweepFixtures.failed;
import static rwsweep.driver.summary.SweepFixtures.handSpec;
import static rwsweep.driver.summary.SweepFixtures.result;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rwsweep.worker.Activation;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialStatus;

/** The tables' numbers: by hand on made-up results, and recomputed naively from a real sweep. */
class TablesTest {
    private static final double THRESHOLD = SummaryOptions.DEFAULT_TRAINED_BELOW;

    /**
     * One panel, D=3, two g, two pairs, three seeds each. At g=1.1:
     * pair 0.01/0.1 has errors 0.02, 0.10, 0.04 → median 0.04, trained 2/3 (0.02 and 0.04 are below 0.05);
     * pair 0.1/0.1 has 0.03 (OK), 0.06 (DIVERGED after reaching it) and a FAILED seed → median of
     * {0.03, 0.06} = 0.045, trained 1/3. The Figure 3 cell is min(0.04, 0.045) = 0.04 at pair 0.01/0.1,
     * and counts 6 trials, 1 diverged, 1 failed over both pairs.
     * At g=2 every seed of 0.01/0.1 has 0.5 and every seed of 0.1/0.1 failed.
     */
    static List<TrialResult> handMade() {
        List<TrialResult> r = new ArrayList<>();
        double[] errors = {0.02, 0.10, 0.04};
        for (int s = 0; s < 3; s++) r.add(result(handSpec(Activation.TANH, 1.1, 3, 16, 0.01, 0.1, s), TrialStatus.OK, 0.9, errors[s]));
        r.add(result(handSpec(Activation.TANH, 1.1, 3, 16, 0.1, 0.1, 0), TrialStatus.OK, 0.9, 0.03));
        r.add(result(handSpec(Activation.TANH, 1.1, 3, 16, 0.1, 0.1, 1), TrialStatus.DIVERGED, 0.9, 0.06));
        r.add(failed(handSpec(Activation.TANH, 1.1, 3, 16, 0.1, 0.1, 2)));
        for (int s = 0; s < 3; s++) {
            r.add(result(handSpec(Activation.TANH, 2.0, 3, 16, 0.01, 0.1, s), TrialStatus.OK, 0.9, 0.5));
            r.add(failed(handSpec(Activation.TANH, 2.0, 3, 16, 0.1, 0.1, s)));
        }
        return r;
    }

    @Test
    void handMadeCellsHoldTheMedianOverSeedsAndTheCounts() {
        PanelResults p = PanelResults.split(handMade(), THRESHOLD).get(0);
        Replicates a = p.at(1.1, 3, new LambdaPair(0.01, 0.1)).orElseThrow();
        assertEquals(0.04, a.median(), 0);
        assertEquals(2, a.trained());
        Replicates b = p.at(1.1, 3, new LambdaPair(0.1, 0.1)).orElseThrow();
        assertEquals(0.045, b.median(), 1e-15);
        assertEquals(1, b.trained());
        assertEquals(1, b.diverged());
        assertEquals(1, b.failed());

        Table fig3 = Tables.figure3(p);
        assertEquals(List.of("g", "D=3"), fig3.columns());
        assertEquals(List.of("1.1", "0.04 [2/3] 0.01/0.1 (1 diverged, 1 failed)"), fig3.rows().get(0));
        assertEquals(List.of("2", "0.5 [0/3] 0.01/0.1 (3 failed)"), fig3.rows().get(1));

        Table pairs = Tables.figure3Pairs(p);
        assertEquals(List.of("g", "λ 0.01/0.1 D=3", "λ 0.1/0.1 D=3"), pairs.columns());
        assertEquals(List.of("1.1", "0.04 [2/3]", "0.045 [1/3] (1 diverged, 1 failed)"), pairs.rows().get(0));
        assertEquals(List.of("2", "0.5 [0/3]", "no error (3 failed)"), pairs.rows().get(1));

        // Figure 4 at D=3: 0.01/0.1 is best at g=1.1 (0.04 < 0.5); 0.1/0.1 only has an error at g=1.1.
        Table fig4 = Tables.figure4(p);
        assertEquals(List.of("3", "0.04 [2/3] g=1.1", "0.045 [1/3] g=1.1 (1 diverged, 4 failed)"), fig4.rows().get(0));
    }

    @Test
    void anEvenNumberOfSeedsTakesTheMeanOfTheTwoMiddleErrors() {
        List<TrialResult> r = new ArrayList<>();
        double[] errors = {0.4, 0.1, 0.3, 0.2};
        for (int s = 0; s < 4; s++) r.add(result(handSpec(Activation.RELU, 1.4, 2, 16, 0.1, 0.1, s), TrialStatus.OK, 0.9, errors[s]));
        assertEquals(0.25, PanelResults.split(r, THRESHOLD).get(0).at(1.4, 2, new LambdaPair(0.1, 0.1)).orElseThrow().median(), 1e-15);
    }

    /**
     * The quickstart's shape with g_out: 1 — tanh, Gaussian init, p_lim 100000 (widths 126, 79,
     * 46, 34 at D = 2, 8, 32, 64), g from 0.5 to 2 in 7 log steps (g = 1 among them), two pairs,
     * two seeds — as Grid builds the specs (g sets all three gains, then g_out overrides). At g = 1
     * gOut equals g, and that row must still be in the one Figure 3 with the others. Errors by
     * hand: pair 0.02/0.05 has seeds e and e + 0.002, pair 0.05/0.05 seeds e + 0.01 and e + 0.02,
     * e = 0.001·(index of g + 1) + 0.1·(index of D), so the cell is e + 0.001 at pair 0.02/0.05.
     */
    @Test
    void aQuickstartShapedSweepWithGOutFixedAtOneHasEveryGInOneFigure3(@TempDir Path dir) throws IOException {
        int[] depths = {2, 8, 32, 64};
        int[] widths = {126, 79, 46, 34};
        double[] gs = new double[7];
        for (int i = 0; i < 7; i++) gs[i] = 0.5 * Math.pow(4, i / 6.0);
        assertEquals(1.0, gs[3], 0, "the grid holds g = 1 exactly");
        List<TrialResult> r = new ArrayList<>();
        for (int gi = 0; gi < gs.length; gi++) {
            for (int di = 0; di < depths.length; di++) {
                int[] sizes = new int[depths[di] + 1];
                java.util.Arrays.fill(sizes, widths[di]);
                sizes[0] = 784;
                sizes[depths[di]] = 10;
                double e = 0.001 * (gi + 1) + 0.1 * di;
                for (double[] pair : new double[][] {{0.02, 0.05}, {0.05, 0.05}}) {
                    for (int seed = 1; seed <= 2; seed++) {
                        rwsweep.worker.spec.TrialSpec spec = rwsweep.worker.spec.TrialSpec.builder().activation(Activation.TANH)
                                .init(rwsweep.worker.init.InitScheme.GAUSSIAN).sizes(sizes).parameterLimit(100_000)
                                .g(gs[gi]).gOut(1.0).lambda(pair[0], pair[1]).dMax(64).epochs(10).batchSize(20)
                                .epochDecay(0.95).clipNorm(5).seed(seed).data("mnist-sample", 1000).build();
                        double error = e + (pair[0] == 0.02 ? 0 : 0.01) + (seed == 1 ? 0 : pair[0] == 0.02 ? 0.002 : 0.01);
                        r.add(result(spec, TrialStatus.OK, 0.9, error));
                    }
                }
            }
        }
        List<PanelResults> panels = PanelResults.split(r, THRESHOLD);
        assertEquals(1, panels.size(), "one panel: " + panels.stream().map(PanelResults::label).toList());
        PanelResults p = panels.get(0);
        assertEquals(7, p.gs().size());
        Table fig3 = Tables.figure3(p);
        assertEquals(List.of("g", "D=2", "D=8", "D=32", "D=64"), fig3.columns());
        assertEquals(7, fig3.rows().size());
        List<String> one = fig3.rows().get(3);
        assertEquals(List.of("1", "0.005 [2/2] 0.02/0.05", "0.105 [0/2] 0.02/0.05", "0.205 [0/2] 0.02/0.05",
                "0.305 [0/2] 0.02/0.05"), one);
        Summary.write(r, SummaryOptions.of("quickstart-g-out-1", ""), dir);
        try (var files = Files.list(dir.resolve("plots"))) {
            assertEquals(Set.of("figure3-tanh-gaussian-classify.png", "figure4-tanh-gaussian-classify.png",
                    "curves-tanh-gaussian-classify.png", "init-tanh-gaussian-classify.png",
                    "figure3-tanh-gaussian-classify.svg", "figure4-tanh-gaussian-classify.svg",
                    "curves-tanh-gaussian-classify.svg", "init-tanh-gaussian-classify.svg"),
                    files.map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
        }
        // the paper check sees one panel, g = 1 included in its grid
        for (PaperCheck.Finding f : PaperCheck.of(r, THRESHOLD).findings()) {
            if (f.claim() != 2) assertEquals("tanh, gaussian, classify", f.panel(), f.toString());
        }
    }

    /**
     * ReLU at N=100 predicts √2·exp(1.2/97.6) = 1.43171 (hand: exp(0.012295) = 1.012371). With the
     * grid {1.2, 1.3, 1.4, 1.5} and errors 0.3, 0, 0, 0.2, g = 1.3 and 1.4 tie: best g "1.3–1.4",
     * distance 1.43171 − 1.4 = 0.03171, grid step around 1.43 is 0.1, so 0.3171 steps.
     */
    @Test
    void bestGIsTheTiedRangeAndItsDistanceToThePrediction() {
        List<TrialResult> r = new ArrayList<>();
        double[] grid = {1.2, 1.3, 1.4, 1.5};
        double[] err = {0.3, 0.0, 0.0, 0.2};
        for (int i = 0; i < grid.length; i++) r.add(result(handSpec(Activation.RELU, grid[i], 40, 100, 0.1, 0.1, 1), TrialStatus.OK, 0.9, err[i]));
        Table t = Tables.bestG(PanelResults.split(r, THRESHOLD));
        assertEquals(List.of("relu, gaussian, classify", "40", "100", "1.3–1.4", "0", "1/1", "1.432", "0.03171", "0.3171"), t.rows().get(0));
    }

    /**
     * A real auto-encoder sweep (784 → 16 → 8 code → 16 → 784 and 784 → 8 → 784, tanh, MNIST digits):
     * Figure 4 has one row per depth with the median MSE; the log axis floor is half the smallest
     * positive error any trial recorded (MSE has no "one mistake" unit), and the plot is drawn.
     */
    @Test
    void autoencoderSweepsGetFigure4AndAnErrorFloorFromTheirOwnErrors(@TempDir Path dir) throws IOException {
        rwsweep.worker.data.Dataset data = SweepFixtures.digits();
        List<TrialResult> r = new ArrayList<>();
        for (int[] sizes : new int[][] {{784, 8, 784}, {784, 16, 8, 16, 784}}) {
            for (long seed = 1; seed <= 3; seed++) {
                rwsweep.worker.spec.TrialSpec spec = rwsweep.worker.spec.TrialSpec.builder().task(rwsweep.worker.spec.Task.AUTOENCODE)
                        .activation(Activation.TANH).sizes(sizes).codeLayer(sizes.length / 2).g(1.1).lambda(0.01, 0.01)
                        .dMax(4).epochs(2).batchSize(20).seed(seed).data(data.id(), data.size()).build();
                r.add(rwsweep.worker.Trainer.run(spec, data));
            }
        }
        PanelResults p = PanelResults.split(r, THRESHOLD).get(0);
        assertEquals("tanh, gaussian, autoencode", p.label());
        double smallest = Double.POSITIVE_INFINITY;
        for (TrialResult t : r) for (double e : t.trainError()) if (e > 0) smallest = Math.min(smallest, e);
        assertEquals(smallest / 2, Plots.floor(p), 0);
        Table fig4 = Tables.figure4(p);
        assertEquals(List.of("D", "λ 0.01/0.01"), fig4.columns());
        for (int row = 0; row < 2; row++) {
            int depth = row == 0 ? 2 : 4;
            double[] e = r.stream().filter(t -> t.spec().depth() == depth).mapToDouble(TrialResult::minTrainError).sorted().toArray();
            assertEquals(Integer.toString(depth), fig4.rows().get(row).get(0));
            assertTrue(fig4.rows().get(row).get(1).startsWith(NumberText.compact(e[1]) + " ["), fig4.rows().get(row).get(1) + " median " + e[1]);
        }
        assertTrue(Plots.figure4(p, dir).isPresent());
        assertTrue(Files.size(dir.resolve("figure4-tanh-gaussian-autoencode.png")) > 1000);
        assertTrue(Plots.figure3(p, dir).isEmpty(), "one g: no Figure 3 plot");
    }

    /**
     * The naive check: flatten the real sweep into rows of (spec fields, status, min error) as
     * trials.csv holds them, recompute every group, Figure 3 and Figure 4 cell with plain loops, and
     * compare with the tidy CSVs (exactly) and the display tables (to their 4 significant digits).
     */
    @Test
    void everyNumberEqualsANaiveRecomputationFromFlatRows(@TempDir Path dir) throws IOException {
        List<TrialResult> results = SweepFixtures.trained();
        Summary.write(results, SummaryOptions.of("naive", ""), dir);

        record Row(String f, String init, double g, int depth, double li, double lo, TrialStatus status, double error) { }
        List<Row> rows = new ArrayList<>();
        for (TrialResult t : results) {
            rows.add(new Row(t.spec().activation().name().toLowerCase(Locale.ROOT), t.spec().init().name().toLowerCase(Locale.ROOT),
                    t.spec().g(), t.spec().depth(), t.spec().lambdaIn(), t.spec().lambdaOut(), t.status(), t.minTrainError()));
        }
        // the real sweep has diverged and failed trials, so the counts are tested too
        assertTrue(rows.stream().anyMatch(x -> x.status() == TrialStatus.DIVERGED));
        assertTrue(rows.stream().anyMatch(x -> x.status() == TrialStatus.FAILED));

        // groups: key "f|init|g|D|li|lo" -> {median, trials, diverged, failed, trained}
        Map<String, double[]> groups = new TreeMap<>();
        Map<String, List<Double>> errs = new HashMap<>();
        for (Row x : rows) {
            String k = x.f() + "|" + x.init() + "|" + x.g() + "|" + x.depth() + "|" + x.li() + "|" + x.lo();
            double[] c = groups.computeIfAbsent(k, z -> new double[5]);
            c[1]++;
            if (x.status() == TrialStatus.DIVERGED) c[2]++;
            if (x.status() == TrialStatus.FAILED) c[3]++;
            else {
                errs.computeIfAbsent(k, z -> new ArrayList<>()).add(x.error());
                if (x.error() < THRESHOLD) c[4]++;
            }
        }
        for (Map.Entry<String, double[]> e : groups.entrySet()) {
            List<Double> v = new ArrayList<>(errs.getOrDefault(e.getKey(), List.of()));
            v.sort(null);
            int n = v.size();
            e.getValue()[0] = n == 0 ? Double.NaN : n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
        }

        List<List<String>> groupsCsv = Csv.parse(Files.readString(dir.resolve("groups.csv")));
        assertEquals(groups.size(), groupsCsv.size() - 1, "one row per setting");
        for (List<String> c : groupsCsv.subList(1, groupsCsv.size())) {
            String k = c.get(2) + "|" + c.get(3) + "|" + Double.parseDouble(c.get(4)) + "|" + c.get(5) + "|"
                    + Double.parseDouble(c.get(6)) + "|" + Double.parseDouble(c.get(7));
            double[] want = groups.get(k);
            assertEquals((int) want[1], Integer.parseInt(c.get(8)), k);
            assertEquals((int) want[2], Integer.parseInt(c.get(10)), k);
            assertEquals((int) want[3], Integer.parseInt(c.get(11)), k);
            assertEquals((int) want[4], Integer.parseInt(c.get(12)), k);
            if (Double.isNaN(want[0])) assertEquals("", c.get(13), k);
            else assertEquals(want[0], Double.parseDouble(c.get(13)), 0, k);
        }

        // Figure 3: min over pairs (ascending (λin, λout), strict < so ties keep the first) at each (f, init, g, D)
        Map<String, double[]> fig3 = new TreeMap<>();   // -> {min, li, lo, trained, trials, allTrials, diverged, failed}
        for (Map.Entry<String, double[]> e : groups.entrySet()) {
            String[] k = e.getKey().split("\\|");
            String cellKey = k[0] + "|" + k[1] + "|" + k[2] + "|" + k[3];
            double[] cell = fig3.computeIfAbsent(cellKey, z -> new double[] {Double.NaN, 0, 0, 0, 0, 0, 0, 0});
            double[] g = e.getValue();
            cell[5] += g[1];
            cell[6] += g[2];
            cell[7] += g[3];
        }
        for (String cellKey : fig3.keySet()) {
            double[] cell = fig3.get(cellKey);
            TreeSet<List<Double>> pairs = new TreeSet<>((a, b) -> a.get(0).equals(b.get(0)) ? a.get(1).compareTo(b.get(1)) : a.get(0).compareTo(b.get(0)));
            for (String k : groups.keySet()) {
                if (k.startsWith(cellKey + "|")) {
                    String[] s = k.split("\\|");
                    pairs.add(List.of(Double.parseDouble(s[4]), Double.parseDouble(s[5])));
                }
            }
            for (List<Double> pair : pairs) {
                double[] g = groups.get(cellKey + "|" + pair.get(0) + "|" + pair.get(1));
                if (!Double.isNaN(g[0]) && (Double.isNaN(cell[0]) || g[0] < cell[0])) {
                    cell[0] = g[0]; cell[1] = pair.get(0); cell[2] = pair.get(1); cell[3] = g[4]; cell[4] = g[1];
                }
            }
        }
        List<List<String>> fig3Csv = Csv.parse(Files.readString(dir.resolve("figure3.csv")));
        assertEquals(fig3.size(), fig3Csv.size() - 1, "one row per (panel, g, D)");
        for (List<String> c : fig3Csv.subList(1, fig3Csv.size())) {
            String[] panel = c.get(0).split(", ");
            double[] want = fig3.get(panel[0] + "|" + panel[1] + "|" + Double.parseDouble(c.get(1)) + "|" + c.get(2));
            assertEquals(want[0], Double.parseDouble(c.get(3)), 0);
            assertEquals(want[1], Double.parseDouble(c.get(4)), 0);
            assertEquals(want[2], Double.parseDouble(c.get(5)), 0);
            assertEquals((int) want[3], Integer.parseInt(c.get(6)));
            assertEquals((int) want[4], Integer.parseInt(c.get(7)));
            assertEquals((int) want[5], Integer.parseInt(c.get(8)));
            assertEquals((int) want[6], Integer.parseInt(c.get(9)));
            assertEquals((int) want[7], Integer.parseInt(c.get(10)));
        }

        // The display table of the tanh/Gaussian panel: rows g, columns D, cells "min [trained/trials] li/lo (...)".
        List<List<String>> shown = Csv.parse(Files.readString(dir.resolve("tables/figure3-tanh-gaussian-classify.csv")));
        assertEquals(List.of("g", "D=2", "D=3", "D=4"), shown.get(0));
        Pattern cellPattern = Pattern.compile("(\\S+) \\[(\\d+)/(\\d+)\\] (\\S+)/(\\S+)(?: \\((.*)\\))?");
        int checked = 0;
        for (List<String> row : shown.subList(1, shown.size())) {
            double g = Double.parseDouble(row.get(0));
            for (int col = 1; col < row.size(); col++) {
                double[] want = fig3.get("tanh|gaussian|" + g + "|" + (col + 1));
                Matcher m = cellPattern.matcher(row.get(col));
                assertTrue(m.matches(), row.get(col));
                // 4 significant digits: relative error at most 5e-4
                assertEquals(want[0], Double.parseDouble(m.group(1)), 5e-4 * want[0] + 1e-12, row.get(col));
                assertEquals((int) want[3], Integer.parseInt(m.group(2)));
                assertEquals((int) want[4], Integer.parseInt(m.group(3)));
                assertEquals(want[1], Double.parseDouble(m.group(4)), 0);
                assertEquals(want[2], Double.parseDouble(m.group(5)), 0);
                String counts = m.group(6) == null ? "" : m.group(6);
                assertEquals((int) want[6] > 0, counts.contains((int) want[6] + " diverged"), row.get(col));
                assertEquals((int) want[7] > 0, counts.contains((int) want[7] + " failed"), row.get(col));
                checked++;
            }
        }
        assertEquals(9, checked, "3 g × 3 depths");

        // Figure 4: min over g of the medians, per (f, init, D, pair)
        List<List<String>> fig4Csv = Csv.parse(Files.readString(dir.resolve("figure4.csv")));
        int fig4Rows = 0;
        for (List<String> c : fig4Csv.subList(1, fig4Csv.size())) {
            String[] panel = c.get(0).split(", ");
            double li = Double.parseDouble(c.get(2)), lo = Double.parseDouble(c.get(3));
            double best = Double.NaN, bestG = Double.NaN;
            int trials = 0;
            for (Row x : rows) {
                if (!x.f().equals(panel[0]) || !x.init().equals(panel[1]) || x.depth() != Integer.parseInt(c.get(1))
                        || x.li() != li || x.lo() != lo) continue;
                trials++;
            }
            for (double g : new TreeSet<>(rows.stream().map(Row::g).toList())) {
                double[] grp = groups.get(panel[0] + "|" + panel[1] + "|" + g + "|" + c.get(1) + "|" + li + "|" + lo);
                if (grp != null && !Double.isNaN(grp[0]) && (Double.isNaN(best) || grp[0] < best)) { best = grp[0]; bestG = g; }
            }
            if (Double.isNaN(best)) assertEquals("", c.get(4));
            else {
                assertEquals(best, Double.parseDouble(c.get(4)), 0);
                assertEquals(bestG, Double.parseDouble(c.get(5)), 0);
            }
            assertEquals(trials, Integer.parseInt(c.get(8)));
            fig4Rows++;
        }
        // tanh/gaussian 3 D × 2 pairs, relu 2 D × 2 pairs, tanh/he 3 D × 1 pair
        assertEquals(6 + 4 + 3, fig4Rows);
        assertFalse(fig3.isEmpty());
    }
}
