package rwsweep.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code rwsweep plan} on every shipped sweep file (no Spark), and its arithmetic. */
class PlanTest {
    /** The repository's sweeps/ directory (tests run in driver/). */
    private static final Path SWEEPS = Path.of("..", "sweeps");

    /** Trials per shipped sweep: the product of its axis lengths, counted by hand from each file. */
    private static final Map<String, Integer> TRIALS = Map.ofEntries(
            Map.entry("quickstart.yaml", 4 * 7 * 2 * 2),  // depths · g · lambda · seeds
            Map.entry("many-short.yaml", 4 * 25 * 2 * 5),  // depths · g · lambda · seeds
            Map.entry("fig3-g-sweep.yaml", 5 * 4 * (9 + 11)),  // depths · lambda · (tanh g + relu g)
            Map.entry("fig4-depth-lambda.yaml", 7 * 4 * 2),  // depths · lambda · seeds
            Map.entry("autoencoder.yaml", 5 * 3),  // depths · lambda
            Map.entry("stunt-1000.yaml", 1),  // the 1000 x 512 net
            Map.entry("stunt-frontier.yaml", 4 * 2),  // depths · (width, g, lambda) settings
            Map.entry("stunt-probe.yaml", 2 * 2 + 2 * 3 * 3),  // N = 64: g · lambda; N = 128, 256: g factors · lambda
            Map.entry("init-schemes.yaml", 4 * (6 + 3) * 2),  // depths · (schemes, fractional_moment at 3 s) · lambda
            Map.entry("clip-far-g.yaml", 2 * 3 * 2),  // depths · g · lambda
            Map.entry("fig3-prune.yaml", 4 * (9 + 11) * 2 * 2),  // depths · (tanh g + relu g) · lambda · seeds
            Map.entry("fig3-prune-chance.yaml", 4 * (9 + 11) * 2 * 2));  // the same grid, the chance rule alone

    /** The same for the search sweeps (their grids; refine adds rounds on top, shown as the worst case). */
    private static final Map<String, Integer> SEARCH_TRIALS = Map.of(
            "refine-bands.yaml", 2 * 4 * 7,                // nonlinearities · depths · g
            "refine-bands-fine.yaml", 2 * 4 * 49);         // nonlinearities · depths · g

    /** Points per shipped random-walk sweep, counted the same way. */
    private static final Map<String, Integer> POINTS = Map.of(
            "fig1-randomwalk.yaml", 3,                     // nonlinearities at their critical g
            "fig2-optimal-g.yaml", 3 * (6 + 15),           // nonlinearities · (widths to search + g of the |ln Z| curve)
            "critical-vs-training.yaml", 4);               // the quickstart's depths

    static Stream<Path> shippedSweeps() throws IOException {
        try (Stream<Path> files = Files.list(SWEEPS)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedSweeps")
    void plansEveryShippedSweep(Path sweep) throws IOException {
        Cli cli = Cli.run("plan", sweep.toString(), "--cores", "2");
        assertEquals("", cli.err);
        assertEquals(0, cli.exitCode);
        String name = sweep.getFileName().toString();
        if (POINTS.containsKey(name)) {
            assertTrue(cli.out.contains("\npoints: " + POINTS.get(name) + " ("), cli.out);
        } else {
            Integer expected = TRIALS.getOrDefault(name, SEARCH_TRIALS.get(name));
            assertTrue(expected != null, "a trial count for " + sweep + " in TRIALS");
            assertTrue(cli.out.contains("\ntrials: " + expected + "\n"), cli.out);
        }
        assertTrue(cli.out.contains("estimated duration on 2 cores"), cli.out);
        assertTrue(Files.readString(sweep).startsWith("# "), "a header comment");
    }

    @Test
    void everyShippedSweepHasATrialCount() throws IOException {
        java.util.Set<String> counted = new java.util.HashSet<>(TRIALS.keySet());
        counted.addAll(POINTS.keySet());
        counted.addAll(SEARCH_TRIALS.keySet());
        assertEquals(counted, new java.util.HashSet<>(shippedSweeps().map(p -> p.getFileName().toString()).toList()));
    }

    @Test
    void makespanIsTheLargerOfTotalOverCoresAndTheLongestTrial(@TempDir Path dir) throws IOException {
        // one net, 784-100-10, at 1000 examples (CostModel, Network's FLOP model): 78,400 + 1,000 =
        // 79,400 weights; a forward pass 2 · 79,400 = 158,800 FLOPs per example, a training step
        // 2 · 158,800 + 2 · 1,000 = 319,600 (layer 1 passes no gradient back); a trial of E epochs
        // is 1,000 · (E · 319,600 + (E + 1) · 158,800) FLOPs: E = 10 → 4.9428e9, E = 20 → 9.7268e9
        Path sweep = Files.writeString(dir.resolve("m.yaml"),
                "data: {source: mnist-sample, n: 1000}\ndepths: 2\nwidth: 100\ninit: gaussian\nepochs: [10, 20]\nseeds: [1, 2, 3]\n");
        // at 1 GFLOP/s 3 trials of 9.7268 s and 3 of 4.9428 s: total 44.0088 s, 4.40088e10 FLOP
        Cli two = Cli.run("plan", sweep.toString(), "--cores", "2", "--gflops", "1");
        assertEquals(0, two.exitCode, two.err);
        assertTrue(two.out.contains("\ntrials: 6\ncost: 4.40e+10 FLOP in total, longest trial 9.73e+09 FLOP\n"), two.out);
        // 2 cores: total/cores 22.0044 s > longest 9.7268 s
        assertTrue(two.out.contains("estimated duration on 2 cores at 1.00 GFLOP/s each: 22 s (total/cores 22 s, longest trial 9.7 s)\n"), two.out);
        // 8 cores: total/cores 5.5011 s < longest 9.7268 s, which sets the makespan
        Cli eight = Cli.run("plan", sweep.toString(), "--cores", "8", "--gflops", "1");
        assertTrue(eight.out.contains("estimated duration on 8 cores at 1.00 GFLOP/s each: 9.7 s (total/cores 5.5 s, longest trial 9.7 s)\n"), eight.out);
        assertTrue(eight.out.contains("first 6 of 6 trials (longest first):"), eight.out);
    }

    @Test
    void withItsResultsDirectoryPlanEstimatesWhatIsLeftFromTheFinishedTrials(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("left.yaml"),
                "data: {source: mnist-sample, n: 200}\ndepths: 2\nwidth: 32\ninit: gaussian\nepochs: 2\nseeds: [1, 2, 3]\n");
        rwsweep.driver.sweep.SweepFile sweep = rwsweep.driver.sweep.SweepFile.load(file);
        rwsweep.worker.data.Dataset data = PlanCommand.data(sweep, Map.of());
        java.util.List<rwsweep.worker.spec.TrialSpec> trials = rwsweep.driver.sweep.Grid.expand(sweep, data);
        assertEquals(3, trials.size());
        // one trial finished in the store, as a run's task records it
        rwsweep.worker.spec.TrialResult done = rwsweep.worker.Trainer.run(trials.get(0), data);
        Path store = dir.resolve("results");
        try (rwsweep.driver.store.ResultStore s = rwsweep.driver.store.ResultStore.claim(store.toString(),
                new rwsweep.driver.sweep.SweepPlan(sweep.name(), sweep.text(), trials, data, sweep.checkpointSeconds(), sweep.pruning()),
                false, new org.apache.hadoop.conf.Configuration())) {
            Path pending = Path.of(java.net.URI.create(s.pendingDir()));
            Files.createDirectories(pending);
            Files.writeString(pending.resolve(done.key() + ".json"), rwsweep.driver.store.ResultColumns.jsonLine(
                    new rwsweep.driver.store.ResultColumns.Stored(sweep.name(), "2026-12-02T00:00:00.000Z", done)));
        }
        Cli cli = Cli.run("plan", file.toString(), "--cores", "2", "--out", store.toString());
        assertEquals(0, cli.exitCode, cli.err);
        assertTrue(cli.out.contains("\nleft to run: 2 of 3 trials (1 finished in " + store + ")\n"), cli.out);
        assertTrue(cli.out.contains("\ncost model: the store's 1 finished trial of 1 of 1 net shape (their own wall times; "), cli.out);
        assertTrue(cli.out.contains("): no probe\n"), cli.out);
        // the two left are the finished one's shape and size: each takes its wall time, one a core
        String wall = rwsweep.driver.sweep.NumberText.duration(done.wallSeconds());
        assertTrue(cli.out.contains("estimated duration on 2 cores: " + wall + " (total/cores " + wall + ", longest trial " + wall + ")\n"),
                cli.out);
        assertTrue(cli.out.contains("first 2 of 2 trials (longest first):"), cli.out);

        Cli fresh = Cli.run("plan", file.toString(), "--cores", "2", "--out", dir.resolve("new").toString());
        assertEquals(0, fresh.exitCode, fresh.err);
        assertTrue(fresh.out.contains("\nleft to run: 3 of 3 trials (0 finished in "), fresh.out);

        // a random-walk sweep's directory holds no trials: one line, the user's exit code
        Path walks = dir.resolve("walks");
        rwsweep.driver.store.ResultStore.claim(walks.toString(), "walk", "name: walk\n", rwsweep.driver.store.StoreKind.WALKS, false,
                new org.apache.hadoop.conf.Configuration()).close();
        Cli wrong = Cli.run("plan", file.toString(), "--cores", "2", "--out", walks.toString());
        assertEquals(rwsweep.driver.sweep.UserError.EXIT_CODE, wrong.exitCode);
        assertEquals("results directory " + walks + " holds random-walk points, not trials: plan --out takes the results directory"
                + " of a training sweep\n", wrong.err);
    }

    @Test
    void durationsRead() {
        assertEquals("0.4 s", rwsweep.driver.sweep.NumberText.duration(0.44));
        assertEquals("12 s", rwsweep.driver.sweep.NumberText.duration(12.4));
        assertEquals("3 min 05 s", rwsweep.driver.sweep.NumberText.duration(185));
        assertEquals("2 h 07 min", rwsweep.driver.sweep.NumberText.duration(2 * 3600 + 7 * 60 + 20));
        assertEquals("784-100x3-10", PlanCommand.sizes(new int[] {784, 100, 100, 100, 10}));
        assertEquals("784-300-165-30-165-300-784", PlanCommand.sizes(new int[] {784, 300, 165, 30, 165, 300, 784}));
    }
}
