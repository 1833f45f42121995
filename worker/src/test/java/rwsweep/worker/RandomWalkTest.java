package rwsweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The random-walk theory (paper.md, "The random walk"): the formulas, the simulated walk against
 * exact theory and against a brute-force walk through explicit matrices, and the tanh optimum.
 * Tolerances are 5 standard errors computed from the number of walks or layers, as each test says.
 */
class RandomWalkTest {

    @Test
    void formulasGiveThePapersValues() {
        assertEquals(Math.exp(0.05), RandomWalk.gLinear(10), 1e-15);
        assertEquals(Math.sqrt(2) * Math.exp(1.2 / 97.6), RandomWalk.gRelu(100), 1e-15);
        // max(N, 6): below 6 the fit is held at its N = 6 value
        assertEquals(RandomWalk.gRelu(6), RandomWalk.gRelu(3), 0.0);
        assertEquals(Math.sqrt(2) * Math.exp(1.2 / 3.6), RandomWalk.gRelu(1), 1e-15);
        assertNotEquals(RandomWalk.gRelu(6), RandomWalk.gRelu(7));
        assertEquals(RandomWalk.gLinear(37), RandomWalk.optimalG(Activation.LINEAR, 37), 0.0);
        assertEquals(RandomWalk.gRelu(37), RandomWalk.optimalG(Activation.RELU, 37), 0.0);
        assertThrows(IllegalArgumentException.class, () -> RandomWalk.gLinear(0));
    }

    @Test
    void digammaMatchesKnownValues() {
        double euler = 0.5772156649015329;
        assertEquals(-euler, RandomWalk.digamma(1), 1e-12);
        assertEquals(-euler - 2 * Math.log(2), RandomWalk.digamma(0.5), 1e-12);
        double harmonic9 = 0;
        for (int k = 1; k <= 9; k++) harmonic9 += 1.0 / k;
        assertEquals(harmonic9 - euler, RandomWalk.digamma(10), 1e-12); // ψ(n) = H_{n−1} − γ
        assertEquals(Math.log(500) - 1.0 / 1000 - 1.0 / (12 * 500.0 * 500), RandomWalk.digamma(500), 1e-12);
    }

    /**
     * The paper's ReLU fit against the exact theory: g = exp(−<ln z>/2) with z = χ²_k/N,
     * k ~ Binomial(N, ½) conditioned on k ≥ 1, <ln χ²_k> = ψ(k/2) + ln 2. The fit is within 0.1% of
     * it from N = 20 on (0.07% at N = 50, the worst of these), and clearly off at N = 6 (7%).
     */
    @Test
    void reluFormulaFitsTheExactBinomialTheory() {
        for (int n : new int[] {20, 50, 100, 1000}) {
            assertEquals(1.0, RandomWalk.gRelu(n) / exactReluG(n), 1e-3, "N = " + n);
        }
        assertTrue(RandomWalk.gRelu(6) / exactReluG(6) > 1.05);
    }

    /**
     * Linear walk at g = exp(1/(2N)), N = 100, depth 50, 2000 walks. Per layer ln|δ| gains
     * ln g + ½ ln(χ²_N/N): mean −1/(6N²) ≈ −2e-5 (negligible) and variance ¼ψ'(N/2) = 0.00505, the
     * paper's 1/(2N) = 0.005 to 1%. Over 50 layers ln|δ_0| has sd √(50·0.00505) = 0.50, so the mean
     * over 2000 walks has se 0.011, i.e. 2.2e-4 per layer. The sample variance has relative se
     * √(2/1999) = 3.2% (near-Gaussian sum of 50 terms): tolerance 5·3.2% + the 1% approximation.
     */
    @Test
    void linearWalkAtTheRandomWalkGHasNoDriftAndVarianceOneOverTwoN() {
        int n = 100;
        int depth = 50;
        int walks = 2000;
        RandomWalk.Statistics s = RandomWalk.simulate(Activation.LINEAR, n, depth, RandomWalk.gLinear(n), walks,
                new SplittableRandom(11));
        double perWalkSd = Math.sqrt(depth * 0.00505);
        double seDrift = perWalkSd / Math.sqrt(walks) / depth;
        assertEquals(0.0, s.driftPerLayer(), 5 * seDrift);
        assertEquals(1.0, s.variancePerLayer() / (1.0 / (2 * n)), 5 * Math.sqrt(2.0 / (walks - 1)) + 0.01);
        assertEquals(0, s.killed());
        assertEquals(walks, s.alive(0));
        assertEquals(0.0, s.mean(depth), 0.0); // every walk starts from a unit vector
    }

    /**
     * ReLU walk at g = √2·exp(1.2/(N − 2.4)), N = 100, depth 50, 2000 walks. Exact per-layer drift
     * ln(g_formula/g_exact) = −4.2e-4 (the fit is 0.04% low); variance ¼(<ψ'(k/2)> + Var ψ(k/2)) =
     * 0.0130, the paper's 5/(4N) = 0.0125 to 4%. ln|δ_0| has sd √(50·0.013) = 0.81, se of the drift
     * per layer 0.81/√2000/50 = 3.6e-4. Variance tolerance 5·3.2% + the 4% approximation.
     */
    @Test
    void reluWalkAtTheRandomWalkGHasNoDriftAndVarianceFiveOverFourN() {
        int n = 100;
        int depth = 50;
        int walks = 2000;
        double g = RandomWalk.gRelu(n);
        RandomWalk.Statistics s = RandomWalk.simulate(Activation.RELU, n, depth, g, walks, new SplittableRandom(12));
        double seDrift = Math.sqrt(depth * 0.013) / Math.sqrt(walks) / depth;
        assertEquals(Math.log(g / exactReluG(n)), s.driftPerLayer(), 5 * seDrift);
        assertEquals(0.0, s.driftPerLayer(), 5 * seDrift + 4.2e-4);
        assertEquals(1.0, s.variancePerLayer() / (5.0 / (4 * n)), 5 * Math.sqrt(2.0 / (walks - 1)) + 0.04);
        // 2^-100 chance per layer of an all-off layer: no walk dies at this width
        assertEquals(0, s.killed());
    }

    /**
     * 20% off the random-walk g the walk drifts by ln(1.2) = +0.18 or ln(0.8) = −0.22 per layer,
     * hundreds of standard errors away from 0: 400 walks of depth 50 at N = 100 give se
     * √(50·0.005)/√400/50 = 5e-4 per layer.
     */
    @Test
    void aGTwentyPercentOffDrifts() {
        int n = 100;
        for (double factor : new double[] {0.8, 1.2}) {
            RandomWalk.Statistics s = RandomWalk.simulate(Activation.LINEAR, n, 50, factor * RandomWalk.gLinear(n), 400,
                    new SplittableRandom(13));
            assertEquals(Math.log(factor), s.driftPerLayer(), 5 * 5e-4, "factor " + factor);
        }
    }

    /**
     * The O(N)-per-layer walk (RandomWalk's class comment) against walks through explicit N × N
     * Gaussian matrices, at N = 4 where the correlation between the forward and backward use of the
     * same W is strongest: dropping that term moves the tanh mean of ln|δ_0| by about 0.67 here, 15
     * standard errors. Tolerances: 5 se of a difference of two independent means, se² = s₁²/n₁ +
     * s₂²/n₂; of a difference of sample variances, Var(s²) ≈ (m₄ − s⁴)/n from the sample itself; of
     * kill fractions, binomial se.
     */
    @Test
    void fastWalkMatchesExplicitMatrices() {
        int n = 4;
        int depth = 10;
        int walks = 4000;
        for (Activation f : new Activation[] {Activation.TANH, Activation.RELU, Activation.LINEAR}) {
            double g = f == Activation.RELU ? RandomWalk.gRelu(n) : 1.5;
            double[] brute = bruteForceWalks(f, n, depth, g, walks, new SplittableRandom(21));
            int bruteAlive = 0;
            double sum = 0;
            for (double v : brute) {
                if (Double.isFinite(v)) {
                    bruteAlive++;
                    sum += v;
                }
            }
            double mean = sum / bruteAlive;
            double m2 = 0;
            double m4 = 0;
            for (double v : brute) {
                if (Double.isFinite(v)) {
                    m2 += (v - mean) * (v - mean);
                    m4 += Math.pow(v - mean, 4);
                }
            }
            double var = m2 / (bruteAlive - 1);
            m4 /= bruteAlive;

            RandomWalk.Statistics fast = RandomWalk.simulate(f, n, depth, g, walks, new SplittableRandom(22));
            long fastAlive = fast.alive(0);
            double seMean = Math.sqrt(var / bruteAlive + fast.variance(0) / fastAlive);
            assertEquals(mean, fast.mean(0), 5 * seMean, f + " mean of ln|δ_0|");
            double seVar = Math.sqrt((m4 - var * var) * (1.0 / bruteAlive + 1.0 / fastAlive));
            assertEquals(var, fast.variance(0), 5 * seVar, f + " variance of ln|δ_0|");

            double pBrute = 1.0 - (double) bruteAlive / walks;
            double pFast = (double) fast.killed() / walks;
            double p = 0.5 * (pBrute + pFast);
            assertEquals(pBrute, pFast, 5 * Math.sqrt(p * (1 - p) * 2.0 / walks) + 1e-12, f + " fraction killed");
            if (f == Activation.RELU) {
                // P(all 4 units off) = 1/16 per layer: about 1 − (15/16)^10 = 48% of walks die
                assertEquals(1 - Math.pow(15.0 / 16, depth), pFast, 0.05);
            } else {
                assertEquals(0, fast.killed());
            }
        }
    }

    /**
     * The bisection + drift machinery against exact theory where theory exists. Linear N = 10:
     * g = exp(−(ψ(5) + ln(2/10))/2) = 1.05302. ReLU N = 100: the binomial theory above. Sampling
     * error of the drift: after the control variate the linear residual per layer is ½ln(1 + ζ²/R),
     * sd ≈ 0.08 at N = 10 over 6e4 layers → 3e-4; ReLU keeps the binomial noise, sd ≈ 0.09 over 6e3
     * layers → 1.2e-3. Tolerance 5 se (times g, as the drift is ln g plus a constant) plus the
     * bisection's half-bracket 1e-3.
     */
    @Test
    void simulatedOptimumMatchesExactTheoryForLinearAndRelu() {
        double exactLinear = Math.exp(-0.5 * (RandomWalk.digamma(5) + Math.log(2.0 / 10)));
        assertEquals(exactLinear, RandomWalk.simulatedOptimalG(Activation.LINEAR, 10), 5 * 3e-4 * 1.05 + 1e-3);
        assertEquals(exactReluG(100), RandomWalk.simulatedOptimalG(Activation.RELU, 100), 5 * 1.2e-3 * 1.43 + 1e-3);
    }

    /**
     * Tanh has no formula. The simulation gives 1.882 (N = 10), 1.237 (30), 1.116 (100) and 1.054
     * (1000) with the fixed seed, falling towards 1 roughly as N^(−1/2), as mean-field theory with
     * the 1/N correction predicts (1.73, 1.23, 1.10, 1.03). Seed-to-seed standard deviation (20
     * seeds): 0.020, 0.007, 0.011, 0.021. The gaps between these widths are at least twice the spread.
     */
    @Test
    void tanhOptimumIsAboutOnePointOneAtWidthHundredAndFallsWithWidth() {
        double g10 = RandomWalk.optimalG(Activation.TANH, 10);
        double g30 = RandomWalk.optimalG(Activation.TANH, 30);
        double g100 = RandomWalk.optimalG(Activation.TANH, 100);
        double g1000 = RandomWalk.optimalG(Activation.TANH, 1000);
        assertTrue(g100 >= 1.05 && g100 <= 1.3, "g(100) = " + g100);
        assertTrue(g10 > g30 && g30 > g100 && g100 > g1000, g10 + " " + g30 + " " + g100 + " " + g1000);
        assertTrue(g1000 > 1.0);
        assertEquals(g100, RandomWalk.optimalG(Activation.TANH, 100), 0.0); // cached, deterministic
        // At the optimum an estimate with another seed is 0 within the error of both: each has sd
        // 9e-4 (measured over 20 seeds at g100; = 0.011, the spread of g, × 0.09, the slope of the
        // drift in g at N = 100), the difference √2 times that; plus the bisection's half-bracket
        // 1e-3 times the slope.
        assertEquals(0.0, RandomWalk.drift(Activation.TANH, 100, g100, 99), 5 * Math.sqrt(2) * 9e-4 + 1e-3 * 0.09);
    }

    @Test
    void tanhTooNarrowForAnUnbiasedWalkSaysSo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RandomWalk.optimalG(Activation.TANH, 5));
        assertTrue(e.getMessage().contains("width N = 5"), e.getMessage());
        assertTrue(e.getMessage().contains("give g explicitly"), e.getMessage());
    }

    /** g = exp(−<ln z>/2), z = χ²_k/N, k ~ Binomial(N, ½) given k ≥ 1 (paper.md table, exact). */
    static double exactReluG(int n) {
        double logP = -n * Math.log(2); // ln P(k = 0)
        double mass = 0;
        double meanLogZ = 0;
        for (int k = 1; k <= n; k++) {
            logP += Math.log(n - k + 1) - Math.log(k);
            double p = Math.exp(logP);
            mass += p;
            meanLogZ += p * (RandomWalk.digamma(k / 2.0) + Math.log(2) - Math.log(n));
        }
        return Math.exp(-0.5 * meanLogZ / mass);
    }

    /**
     * ln|δ_0| of walks through explicit matrices, written from the paper's definitions without the
     * distributional shortcut: a_0 ~ N(0, 1), a_d = g W_d f(a_{d−1}) with W_d (N × N) entries
     * N(0, 1/N), δ_D a random unit vector, δ_{d−1} = f'(a_{d−1}) ⊙ g W_dᵀ δ_d. −∞ for a killed walk.
     */
    private static double[] bruteForceWalks(Activation f, int n, int depth, double g, int walks, SplittableRandom rng) {
        double[] out = new double[walks];
        double[][] a = new double[depth + 1][n];
        double[][][] w = new double[depth + 1][n][n]; // w[d][i][j] = W_d(i, j)
        for (int walk = 0; walk < walks; walk++) {
            for (int i = 0; i < n; i++) a[0][i] = rng.nextGaussian();
            for (int d = 1; d <= depth; d++) {
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (int j = 0; j < n; j++) {
                        w[d][i][j] = rng.nextGaussian() / Math.sqrt(n);
                        s += w[d][i][j] * f.value(a[d - 1][j]);
                    }
                    a[d][i] = g * s;
                }
            }
            double[] delta = new double[n];
            double norm2 = 0;
            for (int i = 0; i < n; i++) {
                delta[i] = rng.nextGaussian();
                norm2 += delta[i] * delta[i];
            }
            double logNorm = -0.5 * Math.log(norm2);
            for (int d = depth; d >= 1; d--) {
                double[] next = new double[n];
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int i = 0; i < n; i++) s += w[d][i][j] * delta[i];
                    next[j] = f.derivative(a[d - 1][j]) * g * s;
                }
                delta = next;
            }
            norm2 = 0;
            for (double v : delta) norm2 += v * v;
            out[walk] = logNorm + 0.5 * Math.log(norm2);
        }
        return out;
    }
}
