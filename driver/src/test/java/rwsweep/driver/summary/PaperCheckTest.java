package rwsweep.driver.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rwsweep.driver.summary.SweepFixtures.handSpec;
import static rwsweep.driver.summary.SweepFixtures.result;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleBiFunction;
import org.junit.jupiter.api.Test;
import rwsweep.driver.summary.PaperCheck.Finding;
import rwsweep.driver.summary.PaperCheck.Verdict;
import rwsweep.worker.Activation;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialStatus;

/** Each claim's verdict and numbers on hand-made deep sweeps that agree, disagree, or cannot say. */
class PaperCheckTest {
    private static final double[] TANH_G = {0.5, 0.9, 1.1, 1.2, 1.5, 3.0};
    private static final double[] RELU_G = {1.2, 1.3, 1.4, 1.5, 1.6};

    /** One seed, one pair per (g, D): the training-error curve 0.9 → error(g, D). */
    private static List<TrialResult> sweep(Activation f, double[] gs, int[] depths, int width, ToDoubleBiFunction<Double, Integer> error) {
        List<TrialResult> out = new ArrayList<>();
        for (double g : gs) {
            for (int d : depths) {
                out.add(result(handSpec(f, g, d, width, 0.01, 0.1, 1), TrialStatus.OK, 0.9, error.applyAsDouble(g, d)));
            }
        }
        return out;
    }

    /**
     * As the paper reports: 0 at g = 1.1 and 1.2, 0.03 at 0.9 and 1.5 (3 of the 100 examples: more
     * than the 2 that tie), far g untrained when deep.
     */
    private static double paperLikeTanh(double g, int d) {
        if (g == 1.1 || g == 1.2) return 0;
        if (g == 0.9 || g == 1.5) return 0.03;
        return d >= 32 ? 0.9 : 0.03;
    }

    private static Finding only(PaperCheck check, int claim) {
        List<Finding> f = check.findings().stream().filter(x -> x.claim() == claim).toList();
        assertEquals(1, f.size(), f.toString());
        return f.get(0);
    }

    @Test
    void aPaperLikeTanhSweepAgreesWithClaimsOneThreeAndFour() {
        PaperCheck check = PaperCheck.of(sweep(Activation.TANH, TANH_G, new int[] {2, 32, 64}, 16, PaperCheckTest::paperLikeTanh), 0.05);
        Finding one = only(check, 1);
        assertEquals(Verdict.AGREE, one.verdict());
        assertEquals("for: D=32 N=16: best g 1.1–1.2 (error 0 [1/1]) vs 1.1–1.3; D=64 N=16: best g 1.1–1.2 (error 0 [1/1]) vs 1.1–1.3",
                one.evidence());
        assertFalse(check.contradicted());
        assertEquals(Verdict.NOT_ENOUGH_DATA, only(check, 2).verdict(), "no ReLU panel");
        Finding three = only(check, 3);
        assertEquals(Verdict.AGREE, three.verdict());
        assertEquals("for: D=2: 0 at g=1.1 λ 0.01/0.1 [1/1]; D=32: 0 at g=1.1 λ 0.01/0.1 [1/1]; D=64: 0 at g=1.1 λ 0.01/0.1 [1/1]",
                three.evidence());
        Finding four = only(check, 4);
        assertEquals(Verdict.AGREE, four.verdict());
        assertEquals("for: D=32 g=0.5: 0.9 [0/1]; D=32 g=3: 0.9 [0/1]; D=64 g=0.5: 0.9 [0/1]; D=64 g=3: 0.9 [0/1]", four.evidence());
    }

    /**
     * The paper's scheme is one definition: results stored under the old init name RANDOM_WALK (the
     * same weights) get the same verdicts and numbers as gaussian ones, as a sweep's random_walk
     * (now gaussian trials) does.
     */
    @Test
    void resultsStoredAsRandomWalkAreThePapersSchemeToo() {
        List<TrialResult> gaussian = sweep(Activation.TANH, TANH_G, new int[] {2, 32, 64}, 16, PaperCheckTest::paperLikeTanh);
        List<TrialResult> stored = new ArrayList<>();
        for (TrialResult r : gaussian) {
            double[] curve = r.trainError();
            stored.add(result(r.spec().toBuilder().init(rwsweep.worker.init.InitScheme.RANDOM_WALK).build(), TrialStatus.OK, curve));
        }
        List<Finding> expected = PaperCheck.of(gaussian, 0.05).findings();
        List<Finding> got = PaperCheck.of(stored, 0.05).findings();
        assertEquals(expected.size(), got.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).verdict(), got.get(i).verdict(), expected.get(i).toString());
            assertEquals(expected.get(i).evidence(), got.get(i).evidence());
        }
        assertEquals(Verdict.AGREE, only(PaperCheck.of(stored, 0.05), 1).verdict());
    }

    /**
     * At D=64 the best g moves to 1.5 (0.2 outside the band), g in the band leaves 0.2 error, and
     * g = 3 trains (0.04, 4 examples above the best: not tied with it): claims 1, 3 and 4
     * disagree, naming D=64; D=32 still speaks for claim 1.
     */
    @Test
    void aSweepWhoseDeepestNetsPreferAnotherGDisagrees() {
        PaperCheck check = PaperCheck.of(sweep(Activation.TANH, TANH_G, new int[] {2, 32, 64}, 16, (g, d) -> {
            if (d < 64) return paperLikeTanh(g, d);
            if (g == 1.5) return 0;
            return g == 3.0 ? 0.04 : 0.2;
        }), 0.05);
        Finding one = only(check, 1);
        assertEquals(Verdict.DISAGREE, one.verdict());
        assertEquals("against: D=64 N=16: best g 1.5 (error 0 [1/1]) vs 1.1–1.3, off by 0.2 | for: D=32 N=16: best g 1.1–1.2 (error 0 [1/1]) vs 1.1–1.3",
                one.evidence());
        assertTrue(check.contradicted());
        Finding three = only(check, 3);
        assertEquals(Verdict.DISAGREE, three.verdict());
        assertTrue(three.evidence().startsWith("against: D=64: 0.2 at g=1.1 λ 0.01/0.1 [0/1] | for: D=2: 0 at g=1.1"), three.evidence());
        Finding four = only(check, 4);
        assertEquals(Verdict.DISAGREE, four.verdict());
        assertTrue(four.evidence().startsWith("against: D=64 g=3: 0.04 [1/1] | for: "), four.evidence());
    }

    /**
     * ReLU at N=100: the prediction √2·exp(1.2/97.6) = 1.43171 lies between grid values 1.4 and 1.5,
     * so one grid step is 0.1. Best g 1.4: distance 0.03171 ≤ 0.1, near. Best g 1.6: 0.16829 > 0.1, not.
     */
    @Test
    void reluBestGIsNearWhenWithinOneGridStepOfTheFormula() {
        PaperCheck near = PaperCheck.of(sweep(Activation.RELU, RELU_G, new int[] {40}, 100, (g, d) -> g == 1.4 ? 0 : 0.3), 0.05);
        Finding two = only(near, 2);
        assertEquals(Verdict.AGREE, two.verdict());
        assertEquals("for: D=40 N=100: best g 1.4 (error 0 [1/1]) vs 1.432, distance 0.03171 ≤ grid step 0.1", two.evidence());
        assertEquals(Verdict.NOT_ENOUGH_DATA, only(near, 1).verdict(), "no tanh panel");

        PaperCheck far = PaperCheck.of(sweep(Activation.RELU, RELU_G, new int[] {40}, 100, (g, d) -> g == 1.6 ? 0 : 0.3), 0.05);
        Finding farTwo = only(far, 2);
        assertEquals(Verdict.DISAGREE, farTwo.verdict());
        assertEquals("against: D=40 N=100: best g 1.6 (error 0 [1/1]) vs 1.432, distance 0.1683 > grid step 0.1", farTwo.evidence());
        // good g = within one step of 1.43171: 1.4 and 1.5, both at 0.3 → claim 3 disagrees
        assertEquals(Verdict.DISAGREE, only(far, 3).verdict());
        assertEquals("against: D=40: 0.3 at g=1.4 λ 0.01/0.1 [0/1]", only(far, 3).evidence());
    }

    @Test
    void shallowSweepsCannotSpeakToTheDeepClaims() {
        PaperCheck check = PaperCheck.of(sweep(Activation.TANH, TANH_G, new int[] {2, 3}, 16, PaperCheckTest::paperLikeTanh), 0.05);
        assertEquals(Verdict.NOT_ENOUGH_DATA, only(check, 1).verdict());
        assertEquals("no depth ≥ 32 (depths [2, 3])", only(check, 1).evidence());
        assertEquals(Verdict.NOT_ENOUGH_DATA, only(check, 4).verdict());
        assertEquals(Verdict.AGREE, only(check, 3).verdict(), "claim 3 holds at every depth, shallow ones included");
        // and the console table says it plainly
        String md = check.table().markdown();
        assertTrue(md.contains("| 1. best g for tanh lies in 1.1–1.3 at D ≥ 32 | tanh, gaussian, classify | not enough data |"), md);
    }

    @Test
    void aGridWithoutGInTheTanhBandCannotConfirmIt() {
        double[] coarse = {0.5, 1.0, 1.5, 3.0};
        PaperCheck check = PaperCheck.of(sweep(Activation.TANH, coarse, new int[] {32}, 16, (g, d) -> g == 1.0 ? 0 : 0.5), 0.05);
        assertEquals(Verdict.NOT_ENOUGH_DATA, only(check, 1).verdict());
        assertTrue(only(check, 1).evidence().endsWith("but no grid g lies in the band"), only(check, 1).evidence());
    }

    /** Seeds at (g, D) with the given errors, one pair, as the curve 0.9 → error. */
    private static List<TrialResult> seeds(Activation f, double g, int d, double... errors) {
        List<TrialResult> out = new ArrayList<>();
        for (int s = 0; s < errors.length; s++) {
            out.add(result(handSpec(f, g, d, 16, 0.01, 0.1, s + 1), TrialStatus.OK, 0.9, errors[s]));
        }
        return out;
    }

    /**
     * The D = 129 case: nothing reached 0.05 there (lowest 0.154 at g = 1.2, two seeds at
     * 0.15 and 0.158), while D = 32 trained. D = 129 cannot speak to any claim: claim 1 agrees on
     * D = 32 alone, claim 3 too (it used to disagree on D = 129's 0.154), and claim 4's far g failing
     * at D = 129, where every g failed, is not counted for it.
     */
    @Test
    void aDepthWhereNoGTrainedSpeaksToNoClaim() {
        List<TrialResult> r = new ArrayList<>();
        for (double g : TANH_G) {
            r.addAll(seeds(Activation.TANH, g, 32, g == 1.1 || g == 1.2 ? new double[] {0, 0} : new double[] {0.5, 0.5}));
            r.addAll(seeds(Activation.TANH, g, 129, g == 1.2 ? new double[] {0.15, 0.158} : new double[] {0.8, 0.9}));
        }
        PaperCheck check = PaperCheck.of(r, 0.05);
        Finding one = only(check, 1);
        assertEquals(Verdict.AGREE, one.verdict());
        assertEquals("for: D=32 N=16: best g 1.1–1.2 (error 0 [2/2]) vs 1.1–1.3 | unknown: D=129: no g trained (lowest error 0.154 at g=1.2 [0/2])",
                one.evidence());
        Finding three = only(check, 3);
        assertEquals(Verdict.AGREE, three.verdict());
        assertEquals("for: D=32: 0 at g=1.1 λ 0.01/0.1 [2/2] | unknown: D=129: no g trained (lowest error 0.154 at g=1.2 [0/2])",
                three.evidence());
        Finding four = only(check, 4);
        assertEquals("for: D=32 g=0.5: 0.5 [0/2]; D=32 g=3: 0.5 [0/2] | unknown: D=129: no g trained (lowest error 0.154 at g=1.2 [0/2])",
                four.evidence());
        assertFalse(check.contradicted());
    }

    /** The quickstart's D = 64 alone: best 0.40 with 0 of 2 seeds trained is no best g at all. */
    @Test
    void withNoDeepDepthTrainedTheBestGClaimHasNotEnoughData() {
        List<TrialResult> r = new ArrayList<>();
        for (double g : TANH_G) r.addAll(seeds(Activation.TANH, g, 64, g == 1.2 ? new double[] {0.39, 0.41} : new double[] {0.88, 0.88}));
        Finding one = only(PaperCheck.of(r, 0.05), 1);
        assertEquals(Verdict.NOT_ENOUGH_DATA, one.verdict());
        assertEquals("unknown: D=64: no g trained (lowest error 0.4 at g=1.2 [0/2])", one.evidence());
    }

    /**
     * Two seeds each at D = 32. g = 1.5 has the lowest median, 0.02 (seeds 0 and 0.04), g = 1.2 has
     * 0.03 (seeds 0.02 and 0.04): 0.01 apart, less than g = 1.5's seed spread 0.04, so they tie and
     * the best g is 1.2–1.5, which meets the band. Ordered by exact value, 1.5 alone would be "best"
     * and the claim would be contradicted by the seeds' luck.
     */
    @Test
    void settingsWithinTheSeedSpreadAreTied() {
        List<TrialResult> r = new ArrayList<>();
        for (double g : TANH_G) {
            r.addAll(seeds(Activation.TANH, g, 32, g == 1.5 ? new double[] {0, 0.04} : g == 1.2 ? new double[] {0.02, 0.04} : new double[] {0.5, 0.6}));
        }
        Finding one = only(PaperCheck.of(r, 0.05), 1);
        assertEquals(Verdict.AGREE, one.verdict(), one.evidence());
        assertEquals("for: D=32 N=16: best g 1.2–1.5 (error 0.02 [2/2]) vs 1.1–1.3", one.evidence());
    }

    /**
     * One seed, 100 examples: errors 1 example apart (0 at g = 1.5, 0.01 at g = 1.2) tie; 2 examples
     * apart (0.02) do not, and then the best g 1.5 lies 0.2 above the band.
     */
    @Test
    void withOneSeedErrorsFewerThanTwoExamplesApartAreTied() {
        for (double atBand : new double[] {0.01, 0.02}) {
            PaperCheck check = PaperCheck.of(sweep(Activation.TANH, TANH_G, new int[] {32}, 16,
                    (g, d) -> g == 1.5 ? 0 : g == 1.2 ? atBand : 0.5), 0.05);
            Finding one = only(check, 1);
            if (atBand == 0.01) {
                assertEquals("for: D=32 N=16: best g 1.2–1.5 (error 0 [1/1]) vs 1.1–1.3", one.evidence());
                assertFalse(check.contradicted());
            } else {
                assertEquals("against: D=32 N=16: best g 1.5 (error 0 [1/1]) vs 1.1–1.3, off by 0.2", one.evidence());
                assertTrue(check.contradicted());
            }
        }
    }

    /**
     * The terminal table: columns claim, verdict, evidence aligned; a claim wraps at 44 columns
     * with its panel below it; one evidence item a line.
     */
    @Test
    void theTerminalTableIsAlignedTextWithOneEvidenceItemALine() {
        PaperCheck check = PaperCheck.of(sweep(Activation.TANH, TANH_G, new int[] {2, 64}, 16, PaperCheckTest::paperLikeTanh), 0.05);
        String expected = """
                Check against the paper (trained: min training error < 0.05; tied: errors within the seed spread or 2 training examples)

                claim                                         verdict          evidence
                --------------------------------------------  ---------------  --------
                1. best g for tanh lies in 1.1–1.3 at D ≥ 32  agree            for: D=64 N=16: best g 1.1–1.2 (error 0 [1/1]) vs 1.1–1.3
                   [tanh, gaussian, classify]

                2. best g for ReLU lies near                  not enough data  no relu sweep over g with Gaussian init
                   √2·exp(1.2/(N−2.4)) at D ≥ 32

                3. with a good g, training error is near      agree            for: D=2: 0 at g=1.1 λ 0.01/0.1 [1/1]
                   zero at every depth (best λ pair)                           for: D=64: 0 at g=1.1 λ 0.01/0.1 [1/1]
                   [tanh, gaussian, classify]

                4. far-off g (≤ 0.5 or ≥ 3.0) does not train  agree            for: D=64 g=0.5: 0.9 [0/1]
                   at D ≥ 32                                                   for: D=64 g=3: 0.9 [0/1]
                   [tanh, gaussian, classify]
                """;
        assertEquals(expected, check.text());
    }
}
