package rwsweep.driver.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rwsweep.worker.Activation;
import rwsweep.worker.init.InitScheme;
import rwsweep.worker.spec.Critical;
import rwsweep.worker.theory.CriticalG;
import rwsweep.worker.theory.RandomWalk;
import rwsweep.worker.theory.WalkInput;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.data.Dataset;

/** Grid properties on the real bundled digits: size, keys, resolved gains and sizes, order. */
class GridTest {
    private static final String DATA = "data: {source: mnist-sample, n: 300}\n";
    private static Dataset data;

    @BeforeAll
    static void loadData() {
        data = TrainingData.load(sweep(DATA + "depths: 2\nwidth: 4\n"));
    }

    private static SweepFile sweep(String yaml) {
        return SweepFile.parse("grid.yaml", Path.of("."), yaml);
    }

    private static List<TrialSpec> expand(String yaml) {
        return Grid.expand(sweep(yaml), data);
    }

    @Test
    void gridSizeIsTheProductOfTheAxisSizes() {
        List<TrialSpec> trials = expand(DATA + """
                nonlinearities: [tanh, relu]
                depths: [2, 3, 5]
                p_lim: [20000, 40000]
                init: [gaussian, he, {scheme: fractional_moment, s: [0.5, 1]}]
                g: {from: 0.8, to: 1.2, steps: 3}
                g_in: [0.5, 1]
                lambda: [[0.01, 0.1], [0.1, 0.01]]
                epochs: [1, 2]
                batch: [10, 20]
                epoch_decay: [1, 0.9]
                clip: [none, 1]
                seeds: [1, 2, 3]
                """);
        // f · depths · p_lim · init (2 + 2 s) · g · g_in · lambda · epochs · batch · decay · clip · seeds
        assertEquals(2 * 3 * 2 * 4 * 3 * 2 * 2 * 2 * 2 * 2 * 2 * 3, trials.size());
        assertEquals(trials.size(), keys(trials).size(), "keys unique");
    }

    @Test
    void combinationsAddTheirOwnProducts() {
        List<TrialSpec> trials = expand(DATA + """
                depths: [2, 3]
                width: 20
                g: [1.0, 1.1, 1.2]
                seeds: [1, 2]
                combinations:
                  - {nonlinearity: tanh}
                  - {nonlinearity: relu, g: [1.4, 1.5], depth: 4}
                  - {nonlinearity: linear, seed: 9, g: 1}
                """);
        // tanh: 2 depths · 3 g · 2 seeds; relu: 1 depth · 2 g · 2 seeds; linear: 2 depths · 1 g · 1 seed
        assertEquals(2 * 3 * 2 + 1 * 2 * 2 + 2 * 1 * 1, trials.size());
        assertEquals(4, trials.stream().filter(t -> t.activation() == Activation.RELU && t.depth() == 4).count());
        assertTrue(trials.stream().allMatch(t -> t.dMax() == 4), "d_max is the largest depth of any entry");
    }

    @Test
    void aCombinationThatRepeatsATrialIsRefused() {
        UserError e = org.junit.jupiter.api.Assertions.assertThrows(UserError.class, () -> expand(DATA + """
                depths: [2, 3]
                width: 20
                g: 1.1
                combinations: [{depth: 2}, {depth: [2, 3]}]
                """));
        assertTrue(e.getMessage().startsWith("grid.yaml: combinations: two entries give the same trial (f=tanh, depth=2"), e.getMessage());
    }

    @Test
    void keysAreStableAndIndependentOfTheOrderOfTheLists() {
        String a = DATA + "depths: [2, 4]\np_lim: 30000\ng: [1.0, 1.2]\nlambda: [[0.1, 0.01], [0.01, 0.01]]\nseeds: [1, 2]\n";
        String b = DATA + "seeds: [2, 1]\nlambda: [[0.01, 0.01], [0.1, 0.01]]\ng: [1.2, 1.0]\np_lim: 30000\ndepths: [4, 2]\n";
        List<String> first = expand(a).stream().map(TrialSpec::key).toList();
        assertEquals(first, expand(a).stream().map(TrialSpec::key).toList(), "same file, same keys in the same order");
        assertEquals(new HashSet<>(first), keys(expand(b)));
        assertEquals(16, new HashSet<>(first).size());
    }

    /**
     * critical: finite-depth (the default): linear and ReLU at the paper's formulas for their width,
     * tanh at the finite-depth optimum of the net itself driven by the sweep's own digits
     * (CriticalG), which for these shallow nets lies well above the steady-state value; every
     * trial records which optimum and its value. Factor 1 is exactly the optimum.
     */
    @Test
    void aroundCriticalWithFactorOneIsExactlyTheFiniteDepthOptimumOfEachNet() {
        List<TrialSpec> trials = expand(DATA + """
                nonlinearities: [linear, relu, tanh]
                depths: [3, 6]
                p_lim: [30000, 60000]
                g: {around: critical, factors: [0.9, 1]}
                """);
        assertEquals(3 * 2 * 2 * 2, trials.size());
        for (TrialSpec t : trials) {
            double critical = t.activation() == Activation.TANH
                    ? CriticalG.of(Critical.FINITE_DEPTH, t, WalkInput.sample(data))
                    : RandomWalk.optimalG(t.activation(), t.width());
            boolean factorOne = t.g() == critical;
            assertTrue(factorOne || t.g() == 0.9 * critical, t + " has g neither 1 nor 0.9 × the optimum " + critical);
            assertEquals(t.g(), t.gIn(), "g_in defaults to g");
            assertEquals(t.g(), t.gOut(), "g_out defaults to g");
            assertEquals(Critical.FINITE_DEPTH, t.critical().orElseThrow());
            assertEquals(critical, t.criticalG().getAsDouble(), 0.0);
            if (t.activation() == Activation.TANH) {
                assertTrue(critical > RandomWalk.optimalG(Activation.TANH, t.width()) + 0.05,
                        "a shallow net driven by digits starts saturated: its optimum " + critical + " lies above the steady state");
            }
        }
        // linear at width N: exp(1/(2N)) (paper.md table), independently of RandomWalk
        for (TrialSpec t : trials) {
            if (t.activation() != Activation.LINEAR) continue;
            double critical = Math.exp(1.0 / (2.0 * t.width()));
            assertTrue(Math.abs(t.g() - critical) < 1e-15 || Math.abs(t.g() - 0.9 * critical) < 1e-15, t.toString());
        }
    }

    /**
     * critical: steady-state gives RandomWalk.optimalG of each net's width — the g, and so the
     * keys, that 'critical' gave before the finite-depth optimum existed — and records it.
     */
    @Test
    void steadyStateCriticalKeepsTheEarlierGains() {
        String yaml = DATA + "nonlinearities: [linear, tanh]\ndepths: [3, 6]\np_lim: 30000\ng: {around: critical, factors: [1]}\n";
        List<TrialSpec> steady = expand(yaml + "critical: steady-state\n");
        for (TrialSpec t : steady) {
            assertEquals(RandomWalk.optimalG(t.activation(), t.width()), t.g(), 0.0, t.toString());
            assertEquals(Critical.STEADY_STATE, t.critical().orElseThrow());
        }
        List<TrialSpec> finite = expand(yaml);
        for (int i = 0; i < finite.size(); i++) {
            TrialSpec f = finite.get(i);
            TrialSpec s = steady.stream().filter(t -> t.activation() == f.activation() && t.depth() == f.depth()).findFirst().orElseThrow();
            if (f.activation() == Activation.LINEAR) assertEquals(s.key(), f.key(), "linear: the same formula either way");
            else assertTrue(!s.key().equals(f.key()) && f.g() > s.g(), "tanh: the finite-depth optimum is another, larger g");
        }
        for (TrialSpec t : expand(DATA + "depths: 3\nwidth: 20\ng: 1.2\n")) assertTrue(t.critical().isEmpty(), "g given: nothing recorded");
    }

    @Test
    void randomWalkInitWithoutGGetsTheCriticalGAndOtherSchemesGetOne() {
        List<TrialSpec> trials = expand(DATA + "nonlinearities: relu\ndepths: [2, 4]\nwidth: 50\ninit: [random_walk, glorot]\n");
        assertEquals(4, trials.size());
        for (TrialSpec t : trials) {
            // random_walk is gaussian at the critical g; ReLU at N = 50: sqrt(2)·exp(1.2/(50 − 2.4)) = 1.4142136 · 1.0255305 = 1.4503192
            boolean randomWalk = t.init() == InitScheme.GAUSSIAN;
            assertTrue(randomWalk || t.init() == InitScheme.GLOROT, t.toString());
            double expected = randomWalk ? Math.sqrt(2) * Math.exp(1.2 / 47.6) : 1.0;
            assertEquals(expected, t.g(), 1e-12, t.toString());
            assertEquals(randomWalk, t.critical().isPresent(), "random_walk records which critical g it got: " + t);
        }
        assertEquals(1.4503192, trials.get(0).init() == InitScheme.GAUSSIAN ? trials.get(0).g() : trials.get(1).g(), 1e-6);
    }

    /**
     * random_walk is the paper's scheme at the paper's g, not a scheme of its own: its trials are
     * those of gaussian init at g: critical, key for key, and train to the same curve — as does a
     * trial stored under the old name RANDOM_WALK, which drew the same weights. Naming both with a
     * given g would be one trial twice, refused with the reason.
     */
    @Test
    void randomWalkIsGaussianAtTheCriticalG() {
        String nets = DATA + "nonlinearities: [linear, relu]\ndepths: [2, 3]\nwidth: 16\nepochs: 1\nbatch: 50\n";
        List<TrialSpec> randomWalk = expand(nets + "init: random_walk\n");
        List<TrialSpec> gaussian = expand(nets + "init: gaussian\ng: critical\n");
        assertEquals(4, randomWalk.size());
        assertEquals(gaussian.stream().map(TrialSpec::key).toList(), randomWalk.stream().map(TrialSpec::key).toList());
        for (TrialSpec t : randomWalk) {
            assertEquals(InitScheme.GAUSSIAN, t.init());
            assertEquals(RandomWalk.optimalG(t.activation(), 16), t.g(), 1e-15, t.toString());
        }
        TrialSpec spec = randomWalk.get(0);
        rwsweep.worker.spec.TrialResult trained = rwsweep.worker.Trainer.run(spec, data);
        TrialSpec stored = spec.toBuilder().init(InitScheme.RANDOM_WALK).build();
        assertTrue(!stored.key().equals(spec.key()), "the old name keeps its old key (stores written with it still read)");
        assertTrue(trained.sameCurves(rwsweep.worker.Trainer.run(stored, data)), "the same weights, the same curve");
        UserError e = org.junit.jupiter.api.Assertions.assertThrows(UserError.class,
                () -> expand(nets + "init: [random_walk, gaussian]\ng: 1.2\n"));
        assertTrue(e.getMessage().startsWith("grid.yaml: init: got random_walk and gaussian, which give the same trial at g=1.2: "
                + "random_walk is gaussian at the critical g"), e.getMessage());
    }

    @Test
    void gInAndGOutAreTheirOwnAxesWhenGiven() {
        List<TrialSpec> trials = expand(DATA + "depths: 3\nwidth: 10\ng: [1.1, 1.2]\ng_in: [0.5, 1.0, 2.0]\ng_out: 0.25\n");
        assertEquals(2 * 3, trials.size());
        assertEquals(Set.of(0.5, 1.0, 2.0), new HashSet<>(trials.stream().map(TrialSpec::gIn).toList()));
        assertTrue(trials.stream().allMatch(t -> t.gOut() == 0.25));
    }

    @Test
    void pLimGivesTheSmallestConstantWidthReachingTheBudget() {
        int nIn = data.dim();
        int nOut = data.classes();
        for (TrialSpec t : expand(DATA + "depths: [2, 3, 7, 20]\np_lim: [10000, 50000]\n")) {
            int n = t.width();
            int[] expected = new int[t.depth() + 1];
            java.util.Arrays.fill(expected, n);
            expected[0] = nIn;
            expected[t.depth()] = nOut;
            assertArrayEquals(expected, t.sizes());
            // weights and biases, paper.md: (nIn + 1)N + (D − 2)(N + 1)N + (N + 1)nOut
            assertTrue(parameters(nIn, n, t.depth(), nOut) >= t.parameterLimit(), t.toString());
            assertTrue(parameters(nIn, n - 1, t.depth(), nOut) < t.parameterLimit(), t.toString());
        }
    }

    @Test
    void parameterSharingGetsTheSmallestEvenWidthReachingTheBudget() {
        int nIn = data.dim();
        int nOut = data.classes();
        List<TrialSpec> trials = expand(DATA + "nonlinearities: relu\ndepths: [2, 3, 4, 5, 6]\np_lim: 40000\ninit: parameter_sharing\n");
        assertEquals(5, trials.size());
        for (TrialSpec t : trials) {
            int n = t.width();
            assertEquals(0, n % 2, t.toString());
            assertTrue(parameters(nIn, n, t.depth(), nOut) >= 40000);
            assertTrue(parameters(nIn, n - 2, t.depth(), nOut) < 40000, "no smaller even width reaches p_lim: " + t);
        }
    }

    @Test
    void everyTrialCarriesDMaxTheDataAndItsSizeLongestFirst() {
        List<TrialSpec> trials = expand(DATA + "depths: [2, 8, 4]\nwidth: 30\nd_max: 10\nepochs: [1, 3]\n");
        double previous = Double.POSITIVE_INFINITY;
        for (TrialSpec t : trials) {
            assertEquals(10, t.dMax());
            assertEquals(data.id(), t.dataId());
            assertEquals(300, t.trainSize());
            assertTrue(CostModel.flops(t) <= previous, "longest first");
            previous = CostModel.flops(t);
        }
        assertEquals(8, trials.get(0).depth());
        assertEquals(3, trials.get(0).epochs());
    }

    @Test
    void autoencodersTakeArchitectureSizesAndTheCodeLayerInTheMiddle() {
        List<TrialSpec> trials = expand(DATA + "task: autoencode\ndepths: [4, 8]\np_lim: 200000\ncode_size: [20, 30]\ninit: random_walk\n"
                + "critical: steady-state\n");
        assertEquals(4, trials.size());
        for (TrialSpec t : trials) {
            int[] s = t.sizes();
            assertEquals(t.depth() / 2, t.codeLayer());
            assertEquals(784, s[0]);
            assertEquals(784, s[t.depth()]);
            assertTrue(s[t.codeLayer()] == 20 || s[t.codeLayer()] == 30);
            for (int d = 1; d < t.depth(); d++) assertEquals(s[d], s[t.depth() - d], "decoder mirrors encoder");
            // the walk's N: harmonic mean of the hidden sizes
            double inverse = 0;
            for (int d = 1; d < t.depth(); d++) inverse += 1.0 / s[d];
            assertEquals(RandomWalk.optimalG(Activation.TANH, (int) Math.round((t.depth() - 1) / inverse)), t.g());
        }
        // finite depth: the walk through the auto-encoder itself, its linear code layer included
        for (TrialSpec t : expand(DATA + "task: autoencode\ndepths: 4\np_lim: 200000\ncode_size: 20\ninit: random_walk\n")) {
            assertEquals(CriticalG.of(Critical.FINITE_DEPTH, t, WalkInput.sample(data)), t.g(), 0.0);
            assertEquals(Critical.FINITE_DEPTH, t.critical().orElseThrow());
        }
    }

    private static long parameters(int nIn, int n, int depth, int nOut) {
        return (long) (nIn + 1) * n + (long) (depth - 2) * (n + 1) * n + (long) (n + 1) * nOut;
    }

    private static Set<String> keys(List<TrialSpec> trials) {
        Set<String> keys = new HashSet<>();
        for (TrialSpec t : trials) keys.add(t.key());
        return keys;
    }
}
